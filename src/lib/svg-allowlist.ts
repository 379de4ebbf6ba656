/**
 * What an SVG file the site publishes may contain: drawing, nothing else. An SVG opened
 * directly (its /_astro/… address) is a document of its own, so anything that can run
 * script, embed a page, load from elsewhere or be animated into a link stays out. Only
 * names on these lists pass; a new editor attribute is refused until someone adds it.
 */

export const SVG_NS = 'http://www.w3.org/2000/svg';
export const XLINK_NS = 'http://www.w3.org/1999/xlink';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/**
 * Namespaces drawing programs use for their own bookkeeping (Inkscape, Sodipodi, the
 * RDF licence block). No browser gives them any behaviour, so their elements and
 * attributes are inert data; the universal checks (events, links, script URLs) still apply.
 */
export const METADATA_NAMESPACES = new Set([
  'http://www.inkscape.org/namespaces/inkscape',
  'http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  'http://creativecommons.org/ns#',
  'http://purl.org/dc/elements/1.1/',
]);

/**
 * SVG elements that only draw. Left out on purpose: script, foreignObject, a, the
 * animation elements (animate, set, … can rewrite an href into javascript:), cursor and
 * the SVG-font elements (they load files), handler/listener (SVG Tiny script hooks).
 */
export const SVG_ELEMENTS = new Set([
  'svg', 'g', 'defs', 'desc', 'title', 'metadata', 'symbol', 'use', 'switch', 'view',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'text', 'tspan', 'textPath',
  'linearGradient', 'radialGradient', 'stop', 'pattern', 'clipPath', 'mask', 'marker',
  'image', 'style',
  'filter', 'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feConvolveMatrix',
  'feDiffuseLighting', 'feDisplacementMap', 'feDistantLight', 'feDropShadow', 'feFlood',
  'feFuncA', 'feFuncB', 'feFuncG', 'feFuncR', 'feGaussianBlur', 'feImage', 'feMerge', 'feMergeNode',
  'feMorphology', 'feOffset', 'fePointLight', 'feSpecularLighting', 'feSpotLight', 'feTile', 'feTurbulence',
]);

/** Elements whose href may point at an embedded raster image (`data:image/png;base64,…`). */
export const IMAGE_HREF_ELEMENTS = new Set(['image', 'feImage']);

/** Attributes without a namespace, on any allowed SVG element. */
export const SVG_ATTRIBUTES = new Set([
  // Core, document and accessibility.
  'id', 'class', 'style', 'lang', 'tabindex', 'role', 'focusable', 'version', 'baseProfile',
  'viewBox', 'preserveAspectRatio', 'zoomAndPan', 'enable-background', 'data-name',
  'requiredFeatures', 'requiredExtensions', 'systemLanguage', 'type', 'media',
  'aria-label', 'aria-labelledby', 'aria-describedby', 'aria-hidden', 'aria-roledescription',
  // Geometry and transforms.
  'x', 'y', 'width', 'height', 'd', 'cx', 'cy', 'r', 'rx', 'ry', 'x1', 'y1', 'x2', 'y2', 'points',
  'pathLength', 'transform', 'transform-origin',
  // Presentation.
  'alignment-baseline', 'baseline-shift', 'clip', 'clip-path', 'clip-rule', 'color',
  'color-interpolation', 'color-interpolation-filters', 'color-rendering', 'direction', 'display',
  'dominant-baseline', 'fill', 'fill-opacity', 'fill-rule', 'filter', 'flood-color', 'flood-opacity',
  'font', 'font-family', 'font-size', 'font-size-adjust', 'font-stretch', 'font-style', 'font-variant',
  'font-weight', 'glyph-orientation-horizontal', 'glyph-orientation-vertical', 'image-rendering',
  'isolation', 'kerning', 'letter-spacing', 'lighting-color', 'marker', 'marker-start', 'marker-mid',
  'marker-end', 'mask', 'mask-type', 'mix-blend-mode', 'opacity', 'overflow', 'paint-order',
  'pointer-events', 'shape-rendering', 'stop-color', 'stop-opacity', 'stroke', 'stroke-dasharray',
  'stroke-dashoffset', 'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit', 'stroke-opacity',
  'stroke-width', 'text-anchor', 'text-decoration', 'text-rendering', 'unicode-bidi', 'vector-effect',
  'visibility', 'word-spacing', 'writing-mode',
  // Gradients, patterns, clipping, masks, markers (href is checked separately).
  'href', 'gradientUnits', 'gradientTransform', 'spreadMethod', 'fx', 'fy', 'fr', 'offset',
  'patternUnits', 'patternContentUnits', 'patternTransform', 'clipPathUnits', 'maskUnits',
  'maskContentUnits', 'markerUnits', 'markerWidth', 'markerHeight', 'refX', 'refY', 'orient',
  // Text.
  'dx', 'dy', 'rotate', 'textLength', 'lengthAdjust', 'startOffset', 'method', 'spacing', 'side',
  // Filters.
  'filterUnits', 'primitiveUnits', 'in', 'in2', 'result', 'stdDeviation', 'mode', 'values',
  'tableValues', 'slope', 'intercept', 'amplitude', 'exponent', 'operator', 'k1', 'k2', 'k3', 'k4',
  'order', 'kernelMatrix', 'divisor', 'bias', 'targetX', 'targetY', 'edgeMode', 'preserveAlpha',
  'surfaceScale', 'diffuseConstant', 'specularConstant', 'specularExponent', 'kernelUnitLength',
  'scale', 'xChannelSelector', 'yChannelSelector', 'radius', 'baseFrequency', 'numOctaves', 'seed',
  'stitchTiles', 'azimuth', 'elevation', 'z', 'pointsAtX', 'pointsAtY', 'pointsAtZ', 'limitingConeAngle',
]);

/** Namespaced attributes allowed on SVG elements, as `namespace local-name`. */
export const NAMESPACED_ATTRIBUTES = new Set([`${XLINK_NS} href`, `${XLINK_NS} title`, `${XML_NS} space`, `${XML_NS} lang`]);

/**
 * The one DOCTYPE allowed: the W3C SVG 1.0/1.1 public identifier that Illustrator still
 * writes, with no internal subset (no `[ <!ENTITY … ]`). Browsers never fetch the DTD.
 */
export const SVG_DOCTYPE = /^\s*svg\s+PUBLIC\s+"-\/\/W3C\/\/DTD SVG 1\.[01](?: Tiny| Basic)?\/\/EN"\s+"http:\/\/www\.w3\.org\/(?:TR\/2001\/REC-SVG-20010904\/DTD\/svg10|Graphics\/SVG\/1\.1\/DTD\/svg11(?:-tiny|-basic)?)\.dtd"\s*$/;

/** Raster images an `<image>` may carry inline. */
export const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp)[;,]/i;
