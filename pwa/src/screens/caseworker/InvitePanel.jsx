import qrcode from 'qrcode-generator';
import { useMemo, useState } from 'preact/hooks';
import { t } from '../../i18n.js';
import { formatDateTime } from './format.js';

// activationLink is the full address of the activation page with the code.
export function activationLink(invite) {
  const path = invite.invite_url || `/aktiver?kode=${encodeURIComponent(invite.invite_code)}`;
  return new URL(path, location.origin).href;
}

// QrCode draws text as a QR code: one SVG path, no inline styles.
export function QrCode({ text, label }) {
  const d = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    const n = qr.getModuleCount();
    let path = '';
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) path += `M${c + 4} ${r + 4}h1v1h-1z`;
    return { path, size: n + 8 };
  }, [text]);
  return (
    <svg class="cw-qr" viewBox={`0 0 ${d.size} ${d.size}`} role="img" aria-label={label} shape-rendering="crispEdges">
      <rect width={d.size} height={d.size} fill="#fff" />
      <path d={d.path} fill="#000" />
    </svg>
  );
}

// InvitePanel hands the invite over at the desk: code, link and QR code.
// heading: the panel's heading level, below whatever heading it sits under;
// intro: who activates with it (the citizen unless said otherwise);
// idPrefix keeps ids unique where two panels share a page (the citizen's
// and an employer contact's on the citizen page).
export function InvitePanel({ invite, name, heading: H = 'h2', intro, idPrefix = 'invite' }) {
  const link = activationLink(invite);
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <section class="cw-invite" aria-labelledby={`${idPrefix}-title`}>
      <H id={`${idPrefix}-title`}>{t('ui.cw.invite.title', { name })}</H>
      <div class="cw-invite-body">
        <div>
          <p>{intro || t('ui.cw.invite.intro')}</p>
          <p class="cw-invite-label">{t('ui.cw.invite.code')}</p>
          <p class="cw-invite-code" id={`${idPrefix}-code`}>
            {invite.invite_code}
          </p>
          <p class="cw-invite-label">{t('ui.cw.invite.link')}</p>
          <p class="cw-invite-link">
            <a href={link} id={`${idPrefix}-link`}>
              {link}
            </a>
          </p>
          <p>
            <button type="button" class="button button-secondary" onClick={copy}>
              {t('ui.cw.invite.copy')}
            </button>{' '}
            <span role="status">{copied ? t('ui.cw.invite.copied') : ''}</span>
          </p>
          <p class="form-hint">{t('ui.cw.invite.expires', { date: formatDateTime(invite.invite_expires_at) })}</p>
          {invite.usable_from && (
            <p class="form-hint" id={`${idPrefix}-usable-from`}>
              {t('ui.cw.invite.usable_from', { date: formatDateTime(invite.usable_from) })}
            </p>
          )}
        </div>
        <figure class="cw-qr-figure">
          <QrCode text={link} label={t('ui.cw.invite.qr_label', { name })} />
          <figcaption>{t('ui.cw.invite.qr_caption')}</figcaption>
        </figure>
      </div>
    </section>
  );
}
