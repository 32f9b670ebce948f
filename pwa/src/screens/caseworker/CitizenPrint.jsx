import { t } from '../../i18n.js';
import { useLoad } from './fields.jsx';
import { PrintAgreements, PrintFrame, PrintGoals, PrintLoading, PrintMeeting, PrintPlan, PrintSection, PrintStaircase, nextMeeting } from './printParts.jsx';

// "Til mødebordet": the one page everyone at the roundtable may read, the
// employer included. It holds no reflection, check-in notes, wellbeing,
// self-ratings, agenda or internal to-dos – only the staircase, the plan,
// the agreements and the goals. The internal print is CitizenPrintInternal.
export default function CitizenPrint({ params }) {
  const detail = useLoad(`/citizens/${params.id}`);
  const c = detail.data;
  if (!c) return <PrintLoading detail={detail} />;
  return (
    <PrintFrame c={c} title={t('ui.cw.print.title', { name: c.name })}>
      <p class="cw-facts">{c.employer_name ? t('ui.cw.print.table_facts', { employer: c.employer_name }) : t('ui.cw.print.table_facts_none')}</p>
      <PrintSection id="pr-meeting" title={t('ui.cw.print.meeting')}>
        <PrintMeeting m={nextMeeting(c)} />
      </PrintSection>
      <PrintSection id="pr-staircase" title={t('ui.cw.prog.staircase')}>
        <PrintStaircase c={c} />
      </PrintSection>
      <PrintSection id="pr-plan" title={t('ui.cw.section.plan')}>
        <PrintPlan plan={c.plan} />
      </PrintSection>
      <PrintSection id="pr-agreements" title={t('ui.cw.print.agreements')}>
        <PrintAgreements items={c.agreements} />
      </PrintSection>
      <PrintSection id="pr-goals" title={t('ui.cw.section.goals')}>
        <PrintGoals goals={c.goals} />
      </PrintSection>
    </PrintFrame>
  );
}
