/** The part of sax 1.x that svg-safety.ts uses (installed with Astro, through svgo, which parses SVG with it). */
declare module 'sax' {
  export interface QualifiedAttribute {
    name: string;
    value: string;
    prefix: string;
    local: string;
    uri: string;
  }
  export interface QualifiedTag {
    name: string;
    prefix: string;
    local: string;
    uri: string;
    attributes: Record<string, QualifiedAttribute>;
    isSelfClosing: boolean;
  }
  export interface SAXOptions {
    xmlns?: boolean;
    strictEntities?: boolean;
    position?: boolean;
  }
  export interface SAXParser {
    line: number;
    column: number;
    position: number;
    startTagPosition: number;
    onopentag: (tag: QualifiedTag) => void;
    onclosetag: (name: string) => void;
    ontext: (text: string) => void;
    oncdata: (text: string) => void;
    oncomment: (text: string) => void;
    ondoctype: (doctype: string) => void;
    onsgmldeclaration: (text: string) => void;
    onprocessinginstruction: (pi: { name: string; body: string }) => void;
    onerror: (error: Error) => void;
    write(chunk: string): SAXParser;
    close(): SAXParser;
  }
  export function parser(strict: boolean, options?: SAXOptions): SAXParser;
  const sax: { parser: typeof parser };
  export default sax;
}
