export {
  Classification,
  CLASSIFICATION_LEVELS,
  type ClassificationLevel,
  type MatterKey,
  type SubjectMatter,
} from './classification';
export {
  classificationOf,
  ClassificationError,
  defaultClassification,
  loadClassificationFile,
  parseClassification,
} from './load';
export { subjectMatterOf } from './registration-check';
