// dagre's layered graph layout as one ES module (web/vendor/dagre.js).
export { default } from '@dagrejs/dagre';
