// The `yaml` parser (documents with source ranges) as one ES module (web/vendor/yaml.js): the editor reads the flow
// being typed (live topology, task under the cursor) without a round trip.
export { parse, parseDocument, isMap, isSeq, isPair, isScalar, LineCounter } from 'yaml';
