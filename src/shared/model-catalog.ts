/**
 * The published models the studio knows how to fetch by name (`cel-studio models fetch <name>`, the app's model
 * store): VGG19 for training's losses and animegan2-pytorch generators to convert with or fine-tune from. A mirror
 * (`CEL_STUDIO_MODEL_MIRROR`) serves the same files under each entry's `mirrorPath`, and may serve a
 * `catalog.json` that pins checksums and sizes or adds entries of its own.
 */
import { z } from 'zod';
import { Count, Sha256Hex } from './schema-parts';

/** What a catalog model is for: VGG19 (training's losses) or a generator (a style, and a start for training). */
export const CatalogKind = z.enum(['vgg19', 'generator']);
export type CatalogKind = z.infer<typeof CatalogKind>;

/** A catalog name: lower-case letters, digits, dot, dash, underscore. */
export const CatalogName = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'a catalog name: lower-case letters, digits, dot, dash, underscore');

/** One fetchable model. */
export const CatalogEntry = z
  .object({
    name: CatalogName,
    kind: CatalogKind,
    /** One line for people: what it is and what it is good for. */
    title: z.string().min(1).max(200),
    /** Where it is published (a model.json for VGG19, the weights file for a generator). */
    url: z.string().url(),
    /** Path under a mirror's base URL that serves the same file. */
    mirrorPath: z
      .string()
      .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, 'a relative path without ..')
      .refine((p) => p.split('/').every((seg) => seg !== '.' && seg !== '..'), 'a relative path without ..'),
    /** Bytes of the download, when known (VGG19: the layers the losses read). */
    bytes: Count.positive().nullable(),
    /**
     * SHA-256 of the file, when the publisher or the mirror pins one; without it the first download's hash is
     * recorded with the model and shown, and nothing is claimed about it.
     */
    sha256: Sha256Hex.nullable(),
    /** Terms of use, in one short sentence. */
    licence: z.string().min(1).max(300),
    /** The page that documents it. */
    homepage: z.string().url(),
  })
  .strict();
export type CatalogEntry = z.infer<typeof CatalogEntry>;

/** A mirror's `catalog.json`: entries that pin or add to the built-in list (matched by name). */
export const MirrorCatalog = z.object({ models: z.array(CatalogEntry.partial({ url: true, title: true, licence: true, homepage: true })) }).strict();
export type MirrorCatalog = z.infer<typeof MirrorCatalog>;

/** A catalog entry and whether this library has it (`models.catalog`). */
export const CatalogModel = CatalogEntry.extend({
  installed: z.boolean(),
  /** The file (or VGG19 folder) is in the per-user cache, so installing it needs no network. */
  cached: z.boolean(),
  /** Where it would be fetched from now: the mirror's address when one is set, else `url`. */
  source: z.string(),
});
export type CatalogModel = z.infer<typeof CatalogModel>;

const ANIMEGAN2_PYTORCH = 'https://github.com/bryandlee/animegan2-pytorch';
const NON_COMMERCIAL =
  'converted from AnimeGANv2 by bryandlee/animegan2-pytorch (code MIT); the AnimeGANv2 weights are for non-commercial use only';

/** One animegan2-pytorch release file: published as `weights/<name>.pt`. */
function animegan2Pytorch(name: string, title: string, licence: string): CatalogEntry {
  return {
    name,
    kind: 'generator',
    title,
    url: `${ANIMEGAN2_PYTORCH}/raw/main/weights/${name}.pt`,
    mirrorPath: `animegan2-pytorch/${name}.pt`,
    // ~8.6 MB each (2.2 M float32 parameters); no checksum is published upstream.
    bytes: null,
    sha256: null,
    licence,
    homepage: ANIMEGAN2_PYTORCH,
  };
}

/** VGG19 as the catalog lists it: what training's losses read. */
export const VGG19_MODEL: CatalogEntry = {
  name: 'vgg19',
  kind: 'vgg19',
  title: 'VGG19 (ImageNet), the layers up to conv4_4 that the content, style and colour losses read',
  url: 'https://storage.googleapis.com/tfjs-models/tfjs/vgg19/model.json',
  mirrorPath: 'vgg19/model.json',
  bytes: 42_340_608,
  sha256: null,
  licence: 'Keras ImageNet weights of Simonyan & Zisserman (2015), released under CC BY 4.0',
  homepage: 'https://www.robots.ox.ac.uk/~vgg/research/very_deep/',
};

/** The built-in catalog. */
export const PUBLISHED_MODELS: readonly CatalogEntry[] = [
  VGG19_MODEL,
  animegan2Pytorch('paprika', 'AnimeGANv2 Paprika style (Satoshi Kon): landscapes and scenes', NON_COMMERCIAL),
  animegan2Pytorch('face_paint_512_v2', 'Face portrait v2: faces at 512 px, strong stylization', 'trained by bryandlee for animegan2-pytorch; see its README for terms'),
  animegan2Pytorch('face_paint_512_v1', 'Face portrait v1: faces at 512 px', 'trained by bryandlee for animegan2-pytorch; see its README for terms'),
  animegan2Pytorch('celeba_distill', 'Webtoon face, distilled on CelebA-HQ: faces at 256 px', 'trained by bryandlee for animegan2-pytorch; see its README for terms'),
];

/** The catalog as `models.catalog` answers: each model's state, the mirror in use and the per-user cache. */
export const CatalogListing = z.object({
  models: z.array(CatalogModel),
  /** `CEL_STUDIO_MODEL_MIRROR`'s base URL, or null. */
  mirror: z.string().nullable(),
  /** The per-user cache folder downloads go through. */
  cache: z.string(),
  /** Something the user should know about the listing (the mirror's catalog could not be read), or null. */
  note: z.string().nullable(),
});
export type CatalogListing = z.infer<typeof CatalogListing>;
