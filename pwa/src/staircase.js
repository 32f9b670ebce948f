// One vocabulary for both roles: the six steps of the challenge staircase
// and the six dimensions of the mixing desk (1 = a lot of accommodation,
// 5 = ordinary terms). The names live in the i18n catalog under
// ui.staircase.* and ui.mixing.*; nothing else names them.
import { t } from './i18n.js';

export const STEPS = [1, 2, 3, 4, 5, 6];
export const DIMENSIONS = ['hours', 'physical', 'tasks', 'responsibility', 'predictability', 'intensity'];
export const LEVELS = [1, 2, 3, 4, 5];

export const stepName = (n) => t(`ui.staircase.${n}`);
export const stepExplain = (n) => t(`ui.staircase.${n}.explain`);
export const dimensionName = (d) => t(`ui.mixing.${d}`);
export const levelName = (n) => t(`ui.mixing.level_${n}`);
