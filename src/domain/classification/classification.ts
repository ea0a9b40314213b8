import type { ClassificationFile } from './schema';

/** The two levels of the classification: 类别 and 子类. */
export const CLASSIFICATION_LEVELS = ['category', 'subcategory'] as const;
export type ClassificationLevel = (typeof CLASSIFICATION_LEVELS)[number];

/** One subject matter (信访事项内容) of either level. */
export interface SubjectMatter {
  code: string;
  name: string;
  label?: string;
  level: ClassificationLevel;
  /** Its category's code (its own code for a category). */
  category: string;
  retired: boolean;
}

/** A row a report by subject matter lists: a code and its name, with the category of a sub-category. */
export interface MatterKey {
  key: string;
  label: string;
  category: string;
}

/** A loaded, validated classification file: lookups by code, and the keys reports list. */
export class Classification {
  readonly id: string;
  readonly version: string;
  readonly name: string;
  private readonly byCode = new Map<string, SubjectMatter>();
  private readonly file: ClassificationFile;

  constructor(file: ClassificationFile) {
    this.file = file;
    this.id = file.id;
    this.version = file.version;
    this.name = file.name;
    for (const category of file.categories) {
      this.add(category, 'category', category.code);
      for (const sub of category.subcategories ?? []) this.add(sub, 'subcategory', category.code);
    }
  }

  private add(
    entry: { code: string; name: string; label?: string; retired?: boolean },
    level: ClassificationLevel,
    category: string,
  ) {
    this.byCode.set(entry.code, {
      code: entry.code,
      name: entry.name,
      ...(entry.label ? { label: entry.label } : {}),
      level,
      category,
      retired: entry.retired ?? false,
    });
  }

  /** What cases record: the file's id and version, e.g. `petitionflow-default@2026.1`. */
  get reference(): string {
    return `${this.id}@${this.version}`;
  }

  find(code: string): SubjectMatter | undefined {
    return this.byCode.get(code);
  }

  /** The file as loaded, for the API that lists the codes. */
  toJSON() {
    return { id: this.id, version: this.version, name: this.name, categories: this.file.categories };
  }

  /**
   * The keys a report by subject matter lists, in the file's order, zeros too: the categories, or every
   * sub-category in use with a category that has none standing for itself. Retired codes are left out
   * (a report adds them back where cases carry them).
   */
  reportKeys(level: ClassificationLevel): MatterKey[] {
    const keys: MatterKey[] = [];
    for (const category of this.file.categories) {
      if (category.retired) continue;
      const subs = (category.subcategories ?? []).filter((s) => !s.retired);
      if (level === 'category' || subs.length === 0) {
        keys.push({ key: category.code, label: category.name, category: category.code });
      } else {
        for (const sub of subs) keys.push({ key: sub.code, label: sub.name, category: category.code });
      }
    }
    return keys;
  }

  /**
   * A key a report found in the cases but did not list: a retired code, a category registered without a
   * sub-category (「城乡建设（未细分）」), or a code of an earlier file no longer in this one (shown by its
   * code, under the category the case recorded).
   */
  extraKey(code: string, level: ClassificationLevel, recordedCategory: string): MatterKey {
    const matter = this.find(code);
    if (!matter) return { key: code, label: code, category: recordedCategory };
    const unrefined = level === 'subcategory' && matter.level === 'category' && this.hasSubcategories(code);
    return {
      key: code,
      label: unrefined ? `${matter.name}（未细分）` : matter.name,
      category: matter.category,
    };
  }

  private hasSubcategories(categoryCode: string): boolean {
    const category = this.file.categories.find((c) => c.code === categoryCode);
    return (category?.subcategories ?? []).length > 0;
  }
}
