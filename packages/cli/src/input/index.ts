export { decodeChunks, type FileContent, loadFile } from './file-source.js';
export { MAX_ITEM_CHARS } from './json-chars.js';
export { JsonSplitter, type SplitSink } from './json-splitter.js';
export { readInputBatches, readInputs } from './read-inputs.js';
export { type FileRead, type InputItem, type ReadInputsOptions, STDIN_NAME } from './types.js';
export { discoverInputs, type InputSource, measureInputs } from './walk.js';
