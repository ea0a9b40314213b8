import { BACKLOG_REGISTER, type BacklogRegisterFigure } from '../../db/backlog/figures';
import type { CsvColumn } from './csv';
import type { ReportService } from './report-service';

type CampaignRow = Awaited<ReturnType<ReportService['campaigns']>>['rows'][number];

/**
 * The summary's backlog-register lines (积案台账), labelled from their one definition; none for a summary
 * taken without the register (an envelope kept from before it).
 */
export function backlogRegisterLines(counts: Record<BacklogRegisterFigure, number> | undefined) {
  if (!counts) return [];
  return (Object.keys(BACKLOG_REGISTER) as BacklogRegisterFigure[]).map((id) => ({
    figure: `backlogRegister.${id}`,
    label: `${BACKLOG_REGISTER[id].label}(件)`,
    value: counts[id],
  }));
}

const yesNo = (met: boolean | null) => (met === null ? '' : met ? '是' : '否');

/** The `campaigns` report's table: one line per campaign. */
export const CAMPAIGN_COLUMNS: Array<CsvColumn<CampaignRow>> = [
  { header: '专项行动', value: (r) => r.name },
  { header: '单位', value: (r) => r.unitName },
  { header: '开始日期', value: (r) => r.startsOn },
  { header: '结束日期', value: (r) => r.endsOn },
  { header: '台账(件)', value: (r) => r.entries },
  { header: '化解(件)', value: (r) => r.resolved },
  { header: '息诉罢访(件)', value: (r) => r.stoppedPetitioning },
  { header: '未化解(件)', value: (r) => r.open },
  { header: '逾期(件)', value: (r) => r.overdue },
  { header: '化解率(%)', value: (r) => r.resolutionRate.rate },
  { header: '目标化解率(%)', value: (r) => r.targetRate },
  { header: '是否达标', value: (r) => yesNo(r.targetMet) },
];
