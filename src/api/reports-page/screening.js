// The dashboard's cards of the dispute screening register (矛盾纠纷排查, S41): the summary's `screening` part.

import { fractionText, rateText } from './labels.js';

const times = (n) => ({ value: String(n), unit: '次' });
const disputes = (n) => ({ value: String(n), unit: '起' });

/** A card group of the headline (figures.js): rounds held, disputes found, their outcomes, open by risk. */
export const SCREENING_GROUP = {
  title: '矛盾纠纷排查',
  cards: [
    {
      figure: 'screeningRounds',
      label: '组织排查',
      show: (s) => ({
        ...times(s.screening.rounds.held),
        detail: `集中 ${s.screening.rounds.concentrated} 次，重点 ${s.screening.rounds.focused} 次`,
      }),
    },
    { figure: 'screeningFound', label: '排查出矛盾纠纷', show: (s) => disputes(s.screening.disputes.found) },
    { figure: 'screeningMediated', label: '调解', show: (s) => disputes(s.screening.disputes.mediated) },
    { figure: 'screeningResolved', label: '化解', show: (s) => disputes(s.screening.disputes.resolved) },
    {
      figure: 'screeningPetitions',
      label: '转为信访事项',
      show: (s) => disputes(s.screening.disputes.becamePetitions),
    },
    {
      figure: 'screeningOpen',
      label: '未化解',
      show: (s) => {
        const { high, medium, low } = s.screening.disputes.openByRisk;
        return { ...disputes(s.screening.disputes.open), detail: `高风险 ${high}，中 ${medium}，低 ${low}` };
      },
    },
    {
      figure: 'screeningResolutionRate',
      label: '排查纠纷化解率',
      show: (s) => ({
        value: rateText(s.screening.resolutionRate),
        detail: `${fractionText(s.screening.resolutionRate)} 起`,
      }),
    },
  ],
};
