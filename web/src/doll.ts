// The demo doll, drawn in SVG: the step's area is highlighted and the stroke's direction is
// overlaid from its dollPose. An unknown pose shows the highlight only.

import { t } from './i18n';
import { areaLabel } from './wording';

const NS = 'http://www.w3.org/2000/svg';
type Pt = readonly [number, number];
type Line = readonly [Pt, Pt];

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  ...children: SVGElement[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.appendChild(c);
  return el;
}

interface AreaGeometry {
  parts: string[];
  center: Pt;
  /** Each line runs from nearer the heart to further from it. */
  lines: Line[];
  /** Where a local motion (circles, opening) is drawn: one per side, or the centre. */
  spots: Pt[];
  /** Size of a local motion at a spot. */
  reach: number;
}

const mid = ([a, b]: Line, t = 0.5): Pt => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];

/** Points from flat coordinates: x, y, x, y, … */
function points(xy: readonly number[]): Pt[] {
  const out: Pt[] = [];
  for (let i = 0; i + 1 < xy.length; i += 2) out.push([xy[i], xy[i + 1]]);
  return out;
}

/** Lines from flat coordinates, four to a line: from x, y to x, y. */
function lines(xy: readonly number[]): Line[] {
  const ends = points(xy);
  const out: Line[] = [];
  for (let i = 0; i + 1 < ends.length; i += 2) out.push([ends[i], ends[i + 1]]);
  return out;
}

/** One row of the table below; without spots, each line's middle is one. */
function area(parts: string[], center: Pt, reach: number, lineXY: readonly number[], spotXY?: number[]): AreaGeometry {
  const drawn = lines(lineXY);
  return { parts, center, lines: drawn, spots: spotXY ? points(spotXY) : drawn.map((l) => mid(l)), reach };
}

const LEGS = [100, 206, 88, 274, 140, 206, 152, 274];
const ARMS = [86, 106, 46, 168, 154, 106, 194, 168];
const WHOLE_BODY = ['face', 'arms', 'hands', 'chest', 'tummy', 'legs', 'feet'];

// Each area: the parts it highlights, its centre, the reach of a local motion, its lines, its spots.
const GEOMETRY: Partial<Record<string, AreaGeometry>> = {
  Legs: area(['legs'], [120, 240], 16, LEGS),
  Feet: area(['feet'], [120, 296], 12, [84, 282, 84, 310, 156, 282, 156, 310], [84, 296, 156, 296]),
  Tummy: area(['tummy'], [120, 166], 34, [120, 146, 120, 190], [120, 166]),
  Chest: area(['chest'], [120, 120], 36, [120, 100, 120, 138], [120, 119]),
  Arms: area(['arms'], [120, 136], 14, ARMS),
  Hands: area(['hands'], [120, 186], 12, [34, 176, 30, 198, 206, 176, 210, 198], [34, 186, 206, 186]),
  Face: area(['face'], [120, 52], 26, [120, 30, 120, 74], [120, 44]),
  Back: area(['back'], [120, 150], 14, [120, 98, 120, 204], [104, 130, 136, 170]),
  GentleMovements: area(['arms', 'legs'], [120, 150], 14, [...ARMS, ...LEGS]),
  Relaxation: area(WHOLE_BODY, [120, 150], 30, [120, 100, 120, 196], [120, 150]),
};

const POSES = [
  'rest',
  'glide-away',
  'glide-toward',
  'roll',
  'press',
  'clockwise',
  'circles',
  'open',
  'cross',
  'paddle',
  'bend',
  'sweep',
] as const;

/** The pose's motion in words, in the page's language; null for a pose this app does not draw. */
export function poseDescription(pose: string): string | null {
  return (POSES as readonly string[]).includes(pose) ? t(`doll.pose.${pose as (typeof POSES)[number]}`) : null;
}

let instance = 0;

export interface DollOptions {
  area: string;
  pose: string;
  /** Short accessible label prefix, e.g. the step name. */
  label?: string;
}

export function drawDoll({ area, pose, label }: DollOptions): SVGSVGElement {
  const id = `doll${++instance}`;
  // Areas the doll has no drawing for show the doll alone.
  const geometry = GEOMETRY[area];
  const tummyDown = area === 'Back' || pose === 'sweep';
  const active = new Set(geometry?.parts ?? []);
  if (tummyDown && area === 'Back') active.add('back');

  const poseText = poseDescription(pose);
  const root = svg('svg', {
    viewBox: '0 0 240 320',
    class: `doll${tummyDown ? ' doll--back' : ''}`,
    role: 'img',
    'aria-label': dollLabel(area, label, geometry !== undefined, poseText, tummyDown),
    'data-area': area,
    'data-pose': pose,
    'data-pose-known': poseText ? 'true' : 'false',
  });
  root.appendChild(arrowheadDefs(id));
  root.appendChild(svg('ellipse', { cx: 120, cy: 170, rx: 112, ry: 150, class: 'doll-mat' }));
  for (const el of dollBody(active, tummyDown)) root.appendChild(el);
  if (geometry && poseText) root.appendChild(drawPose(pose, geometry, `url(#${id}-head)`));
  return root;
}

function dollLabel(
  area: string,
  label: string | undefined,
  drawn: boolean,
  poseText: string | null,
  tummyDown: boolean,
): string {
  return [
    label ? `${label}:` : `${t('doll.doll')}:`,
    drawn
      ? t('doll.highlighted', {
          area: area === 'GentleMovements' ? t('doll.armsAndLegs') : areaLabel(area).toLowerCase(),
        })
      : '',
    poseText ? `, ${poseText}` : '',
    tummyDown ? ` ${t('doll.tummyDown')}` : '',
  ]
    .join(' ')
    .replace(/\s+,/g, ',')
    .trim();
}

function arrowheadDefs(id: string): SVGElement {
  return svg(
    'defs',
    {},
    svg(
      'marker',
      {
        id: `${id}-head`,
        viewBox: '0 0 10 10',
        refX: 6,
        refY: 5,
        markerWidth: 4,
        markerHeight: 4,
        orient: 'auto-start-reverse',
      },
      svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'doll-arrowhead' }),
    ),
  );
}

/** The doll's body parts, the active ones highlighted; limbs first so the torso covers their joints. */
function dollBody(active: Set<string>, tummyDown: boolean): SVGElement[] {
  const part = (name: string, ...children: SVGElement[]) =>
    svg('g', { class: `doll-part${active.has(name) ? ' is-active' : ''}`, 'data-part': name }, ...children);
  const pair = (
    tag: 'line' | 'circle' | 'ellipse',
    left: Record<string, number>,
    right: Record<string, number>,
    extra: Record<string, string | number>,
  ) => [svg(tag, { ...left, ...extra }), svg(tag, { ...right, ...extra })];
  const limb = (width: number) => ({ class: 'limb', 'stroke-width': width });
  return [
    part(
      'arms',
      ...pair('line', { x1: 84, y1: 102, x2: 40, y2: 174 }, { x1: 156, y1: 102, x2: 200, y2: 174 }, limb(22)),
    ),
    part('hands', ...pair('circle', { cx: 34, cy: 186, r: 14 }, { cx: 206, cy: 186, r: 14 }, { class: 'skin' })),
    part(
      'legs',
      ...pair('line', { x1: 100, y1: 196, x2: 86, y2: 280 }, { x1: 140, y1: 196, x2: 154, y2: 280 }, limb(28)),
    ),
    part(
      'feet',
      ...pair('ellipse', { cx: 84, cy: 296, rx: 13, ry: 17 }, { cx: 156, cy: 296, rx: 13, ry: 17 }, { class: 'skin' }),
    ),
    part('back', svg('rect', { x: 74, y: 86, width: 92, height: 124, rx: 42, class: 'skin' })),
    part('chest', svg('ellipse', { cx: 120, cy: 119, rx: 40, ry: 26, class: 'zone' })),
    part('tummy', svg('ellipse', { cx: 120, cy: 166, rx: 38, ry: 26, class: 'zone' })),
    svg('path', { d: 'M80,190 Q120,224 160,190 L162,206 Q120,236 78,206 z', class: 'doll-nappy' }),
    ...(tummyDown ? [svg('line', { x1: 120, y1: 96, x2: 120, y2: 192, class: 'doll-spine' })] : []),
    part('face', svg('circle', { cx: 120, cy: 52, r: 34, class: 'skin' }), ...faceFeatures(tummyDown)),
  ];
}

/** The back of the head (hair) when the doll lies tummy down, else eyes and a smile. */
function faceFeatures(tummyDown: boolean): SVGElement[] {
  if (tummyDown) {
    return [svg('path', { d: 'M88,46 Q120,8 152,46 Q140,30 120,28 Q100,30 88,46 z', class: 'doll-hair' })];
  }
  return [
    svg('path', { d: 'M103,50 q6,5 12,0 M125,50 q6,5 12,0', class: 'doll-feature' }),
    svg('path', { d: 'M111,66 q9,7 18,0', class: 'doll-feature' }),
  ];
}

/** A circle drawn clockwise on screen, open at the end for its arrowhead. */
function circleArrow(x: number, y: number, r: number, marker: string, thin: boolean): SVGPathElement {
  const start: Pt = [x - r, y + r * 0.35];
  const end: Pt = [x - r * 0.35, y + r];
  return arrow(`M${start[0]},${start[1]} A${r},${r} 0 1,1 ${end[0]},${end[1]}`, marker, thin ? 'doll-arrow--thin' : '');
}

function arrow(d: string, marker: string, extra = ''): SVGPathElement {
  return svg('path', { d, class: `doll-arrow ${extra}`.trim(), 'marker-end': marker });
}

type PoseDrawing = (g: AreaGeometry, marker: string, pose: string) => SVGElement[];

const thinIf = (thin: boolean) => (thin ? 'doll-arrow--thin' : '');

function restPalms(g: AreaGeometry): SVGElement[] {
  const [cx, cy] = g.center;
  const spots: readonly Pt[] =
    g.spots.length > 1
      ? g.spots
      : [
          [cx - 17, cy],
          [cx + 17, cy],
        ];
  const r = Math.min(g.reach, 16);
  return spots.map(([x, y]) => svg('ellipse', { cx: x, cy: y, rx: r * 0.8, ry: r * 1.1, class: 'doll-palm' }));
}

function glides(g: AreaGeometry, marker: string, pose: string): SVGElement[] {
  return g.lines.flatMap((line) => {
    const [from, to] = pose === 'glide-toward' ? [line[1], line[0]] : [line[0], line[1]];
    const offsets = pose === 'sweep' && g.lines.length === 1 ? [-18, 18] : [0];
    return offsets.map((dx) => arrow(`M${from[0] + dx},${from[1]} L${to[0] + dx},${to[1]}`, marker));
  });
}

/** Back and forth across the limb, as when rolling it between the palms. */
function rolls(g: AreaGeometry, marker: string): SVGElement[] {
  return g.spots.map(([x, y]) => {
    const w = Math.max(g.reach, 14) + 4;
    const el = arrow(`M${x - w},${y + 2} Q${x},${y + 12} ${x + w},${y + 2}`, marker, 'doll-arrow--thin');
    el.setAttribute('marker-start', marker);
    return el;
  });
}

function presses(g: AreaGeometry): SVGElement[] {
  return g.lines.flatMap((line) =>
    [0.2, 0.5, 0.8].map((at) => {
      const [x, y] = mid(line, at);
      return svg('circle', { cx: x, cy: y, r: 4.5, class: 'doll-dot' });
    }),
  );
}

/** Screen clockwise: for a baby on its back facing the parent, that follows the colon. */
function clockwise(g: AreaGeometry, marker: string): SVGElement[] {
  const r = g.spots.length === 1 ? Math.min(g.reach * 0.7, 24) : g.reach * 0.7;
  return g.spots.map(([x, y]) => circleArrow(x, y, r, marker, r < 12));
}

function circles(g: AreaGeometry, marker: string): SVGElement[] {
  const r = Math.max(6, Math.min(g.reach * 0.45, 10));
  const [first] = g.spots;
  const spots: readonly Pt[] =
    g.spots.length === 1
      ? [
          [first[0] - 14, first[1]],
          [first[0] + 14, first[1]],
        ]
      : g.spots;
  return spots.map(([x, y]) => circleArrow(x, y, r, marker, true));
}

function opens(g: AreaGeometry, marker: string): SVGElement[] {
  const extra = thinIf(g.reach < 20);
  return g.spots.flatMap(([x, y]) => [
    arrow(`M${x - 3},${y} L${x - g.reach},${y}`, marker, extra),
    arrow(`M${x + 3},${y} L${x + g.reach},${y}`, marker, extra),
  ]);
}

function crossing(g: AreaGeometry, marker: string): SVGElement[] {
  const [cx, cy] = g.center;
  return [
    arrow(`M${cx - 34},${cy + 30} L${cx + 30},${cy - 26}`, marker),
    arrow(`M${cx + 34},${cy + 30} L${cx - 30},${cy - 26}`, marker),
  ];
}

/** Hand over hand: alternating short strokes down the tummy. */
function paddles(g: AreaGeometry, marker: string): SVGElement[] {
  const [cx, cy] = g.center;
  const strokes: readonly Pt[] = [
    [-12, -22],
    [12, -6],
    [-12, 10],
  ];
  return strokes.map(([dx, dy]) =>
    arrow(`M${cx + dx},${cy + dy - 6} L${cx + dx},${cy + dy + 12}`, marker, 'doll-arrow--thin'),
  );
}

function bends(_g: AreaGeometry, marker: string): SVGElement[] {
  return [arrow('M192,288 Q222,230 170,192', marker), arrow('M48,288 Q18,230 70,192', marker)];
}

const POSE_DRAWINGS: Partial<Record<string, PoseDrawing>> = {
  rest: restPalms,
  'glide-away': glides,
  'glide-toward': glides,
  sweep: glides,
  roll: rolls,
  press: presses,
  clockwise,
  circles,
  open: opens,
  cross: crossing,
  paddle: paddles,
  bend: bends,
};

function drawPose(pose: string, g: AreaGeometry, marker: string): SVGGElement {
  const layer = svg('g', { class: 'doll-pose', 'data-pose-layer': pose });
  for (const el of POSE_DRAWINGS[pose]?.(g, marker, pose) ?? []) layer.appendChild(el);
  return layer;
}
