/** Notion-Version values the sandbox accepts, and the response model each implies. */
export const NOTION_VERSIONS = ['2021-05-13', '2021-08-16', '2022-02-22', '2022-06-28', '2025-09-03', '2026-03-11'] as const;
export type NotionVersion = (typeof NOTION_VERSIONS)[number];

export interface VersionModel {
  /** 2025-09-03 split databases into data sources; search returns data_source objects. */
  dataSources: boolean;
  /** 2026-03-11 dropped the deprecated `archived` flag in favour of `in_trash`. */
  archivedField: boolean;
}

export function isNotionVersion(value: string): value is NotionVersion {
  return (NOTION_VERSIONS as readonly string[]).includes(value);
}

export function versionModel(version: NotionVersion): VersionModel {
  return { dataSources: version >= '2025-09-03', archivedField: version < '2026-03-11' };
}
