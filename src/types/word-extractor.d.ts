// word-extractor ships no types; this is the part of its API we use.
declare module 'word-extractor' {
  interface ExtractedDoc {
    getBody(): string;
  }
  export default class WordExtractor {
    extract(input: string | Buffer): Promise<ExtractedDoc>;
  }
}
