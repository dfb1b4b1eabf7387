import type { Catalogue } from '../locale.js';

const texts: Catalogue = {};

export default texts;
