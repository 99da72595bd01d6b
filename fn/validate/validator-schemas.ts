// The schemas cr-schema.ts validates with, by validator key. One table for the lazy compilation in
// the sources and for the validators compiled at build time (scripts/cr-validators.js).
import schemaV1alpha3 from '../../schemas/backstage-v1alpha3.schema.json';
import schemaV1alpha4 from '../../schemas/backstage-v1alpha4.schema.json';
import schemaV1alpha5 from '../../schemas/backstage-v1alpha5.schema.json';
import renderBackstageSchema from '../../schemas/render-backstage.schema.json';

export const VALIDATOR_SCHEMAS = {
  'backstage-v1alpha3': schemaV1alpha3 as object,
  'backstage-v1alpha4': schemaV1alpha4 as object,
  'backstage-v1alpha5': schemaV1alpha5 as object,
  'render-backstage': renderBackstageSchema as object,
};

export type ValidatorKey = keyof typeof VALIDATOR_SCHEMAS;
