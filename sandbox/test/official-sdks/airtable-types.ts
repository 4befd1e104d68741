/**
 * Type-level check, run by `npm run typecheck`: the cell values the Airtable simulator builds must be
 * assignable to airtable.js's own types where it has them (`Attachment`, `Collaborator`,
 * `Thumbnail`). airtable.js types no barcode, button or formula-error values (its `FieldSet` lacks
 * them); those follow the field model reference and are checked by the contracts instead.
 */
import type Airtable from 'airtable';
import { attachmentValue } from '../../src/airtable/field-types.js';
import type { Collaborator } from '../../src/airtable/model.js';
import type { Prng } from '../../src/shared/prng.js';

declare const prng: Prng;
declare const collaborator: Collaborator;

export const attachment: Airtable.Attachment = attachmentValue(prng);
export const thumbnail: Airtable.Thumbnail | undefined = attachmentValue(prng).thumbnails?.small;
export const user: Airtable.Collaborator = collaborator;
