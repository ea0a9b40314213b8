import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes of a petition workflow, as ops see them in the Temporal Web UI.
 * None of them carries personal data: only codes, unit ids, dates and flags.
 */
export const PetitionStatus = defineSearchAttributeKey('PetitionStatus', SearchAttributeType.KEYWORD);
export const HandlingUnit = defineSearchAttributeKey('HandlingUnit', SearchAttributeType.KEYWORD);
export const RuleSet = defineSearchAttributeKey('RuleSet', SearchAttributeType.KEYWORD);
export const NextDeadline = defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME);
export const NextDeadlineKey = defineSearchAttributeKey('NextDeadlineKey', SearchAttributeType.KEYWORD);
export const Overdue = defineSearchAttributeKey('Overdue', SearchAttributeType.BOOL);
export const PetitionChannel = defineSearchAttributeKey('PetitionChannel', SearchAttributeType.KEYWORD);
export const PetitionCategory = defineSearchAttributeKey('PetitionCategory', SearchAttributeType.KEYWORD);
/** The supervision ladder's highest active rung: none / notice (督办) / office (联席办) / listed (挂牌督办). */
export const SupervisionLevel = defineSearchAttributeKey('SupervisionLevel', SearchAttributeType.KEYWORD);

/** Every custom search attribute, for registration with a server (dev server flags, operator API, compose). */
export const PETITION_SEARCH_ATTRIBUTES = [
  PetitionStatus,
  HandlingUnit,
  RuleSet,
  NextDeadline,
  NextDeadlineKey,
  Overdue,
  PetitionChannel,
  PetitionCategory,
  SupervisionLevel,
] as const;
