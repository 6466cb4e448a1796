// The words producers and sample vendors use for each category, abbreviations and es/pt/fr/de/it included.
// One folded (lowercase, unaccented) spelling per entry; multi-word phrases are matched before single words.
import type { CategoryId } from '../taxonomy/categories.js';

export interface VocabEntry {
  category: CategoryId;
  /** How sure the word alone makes us: 1 = unmistakable ("kick"), lower for short or shared words ("sn", "org"). */
  weight: number;
  subTag?: string;
  /**
   * When any of these categories also has evidence in the same name, this word turns into a sub-tag of it
   * instead of voting on its own ("808 kick" is a kick, "sub kick" is a kick, "808" alone is a bass).
   */
  yieldsTo?: readonly CategoryId[];
  /** May be found glued inside a longer token ("deepkick", "vocalchop"); only for long, unmistakable words. */
  glued?: boolean;
}

const DRUMS: readonly CategoryId[] = ['kick', 'snare', 'clap', 'hihat_closed', 'hihat_open', 'cymbal', 'tom', 'percussion'];

type Row = [words: string, category: CategoryId, weight: number, subTag?: string];

// Each row: space-separated words that share category/weight/sub-tag. Phrases use '+' between words.
const ROWS: Row[] = [
  // Kick
  ['kick kck kik kicks kickdrum bassdrum bd bombo bumbo cassa grosse+caisse bass+drum grosse+trommel basstrommel kik+drum', 'kick', 1],
  ['bds kcks', 'kick', 0.8],
  // Snare
  ['snare snr snares snaredrum sd caja caixa rullante caisse+claire kleine+trommel redoblante', 'snare', 1],
  ['sn sds snre', 'snare', 0.7],
  ['rimshot rimshots', 'snare', 0.9, 'rimshot'],
  ['brush brushes', 'snare', 0.5, 'brush'],
  // Clap
  ['clap claps clp handclap handclaps palmas aplauso klatschen battimani applaus', 'clap', 1],
  ['snap snaps fingersnap fingersnaps', 'clap', 0.7, 'snap'],
  // Hi-hats: bare "hat" defaults to closed; 'open' / 'closed' modifiers are handled by the labeller.
  ['ch chh closedhat closedhats closed+hat closed+hihat closed+hh hhc cl+hat', 'hihat_closed', 1],
  ['hh hat hats hihat hihats hi+hat hi+hats hithat charles chimbal charleston hatz', 'hihat_closed', 0.8],
  ['pedal+hat pedalhat phh', 'hihat_closed', 0.9, 'pedal'],
  ['oh ohh openhat openhats open+hat open+hihat open+hh hho op+hat', 'hihat_open', 1],
  // Cymbals
  ['cymbal cymbals cym cymb becken piatto piatti platillo platillos prato pratos cymbale cymbales', 'cymbal', 1],
  // A closed, pedalled or open pair of cymbals is a hi-hat (drum machines name their hats so).
  ['closed+cymbal pedal+cymbal cymbal+closed cymbal+pedal', 'hihat_closed', 1],
  ['open+cymbal cymbal+open', 'hihat_open', 1],
  ['crash crashes crsh', 'cymbal', 1, 'crash'],
  ['ride rides', 'cymbal', 0.9, 'ride'],
  ['splash', 'cymbal', 0.8, 'splash'],
  ['china', 'cymbal', 0.8, 'china'],
  // Toms
  ['tom toms tomtom floortom rack+tom timbal', 'tom', 1],
  ['floor+tom', 'tom', 1, 'floor'],
  ['surdo', 'tom', 0.7],
  // Percussion
  ['perc percs percussion percussions percusion percussao percussione percussioni schlagwerk', 'percussion', 1],
  ['shaker shakers shk chocalho ganza', 'percussion', 1, 'shaker'],
  ['maracas maraca', 'percussion', 1, 'maracas'],
  ['tambourine tamb tambo tamborine tambourin pandeiro pandereta tamburello tamborim', 'percussion', 1, 'tambourine'],
  ['cowbell cowbells cencerro kuhglocke campanaccio', 'percussion', 1, 'cowbell'],
  ['conga congas tumba quinto', 'percussion', 1, 'conga'],
  ['bongo bongos', 'percussion', 1, 'bongo'],
  ['rim rims rimclick sidestick side+stick cross+stick', 'percussion', 0.8, 'rim'],
  ['clave claves', 'percussion', 1, 'clave'],
  ['woodblock woodblocks wood+block temple+block', 'percussion', 1, 'woodblock'],
  ['triangle triangles triangolo triangel', 'percussion', 1, 'triangle'],
  ['cabasa afuche', 'percussion', 1, 'cabasa'],
  ['guiro', 'percussion', 1, 'guiro'],
  ['agogo', 'percussion', 1, 'agogo'],
  ['timbale timbales', 'percussion', 1, 'timbale'],
  ['djembe', 'percussion', 1, 'djembe'],
  ['tabla tablas', 'percussion', 1, 'tabla'],
  ['timpani timpano timp pauke pauken timbales+sinfonicos', 'percussion', 1, 'timpani'],
  ['wind+chimes windchimes mark+tree marktree bar+chimes', 'percussion', 1, 'chimes'],
  ['vibraslap', 'percussion', 1, 'vibraslap'],
  ['cuica block blocks', 'percussion', 0.6],
  // Bass
  ['bass bassline basslines basse bajo baixo basso', 'bass', 1],
  ['bs', 'bass', 0.6],
  ['subbass sub+bass', 'bass', 1, 'sub'],
  ['reese', 'bass', 0.9, 'reese'],
  // Keys
  ['keys piano pianos pno klavier keyboard teclado clavier tastiera pianoforte flugel', 'keys', 1, 'piano'],
  ['ep epiano e+piano rhodes wurli wurlitzer electric+piano', 'keys', 1, 'e-piano'],
  ['harpsichord cembalo clavecin', 'keys', 1, 'harpsichord'],
  ['clav clavinet', 'keys', 0.9, 'clavinet'],
  // Organ
  ['organ organs orgel orgue organo orgao hammond', 'organ', 1],
  ['org', 'organ', 0.5],
  // Mallets
  ['mallet mallets', 'mallet', 1],
  ['marimba marimbas', 'mallet', 1, 'marimba'],
  ['vibraphone vibes vibraphon vibrafono', 'mallet', 1, 'vibraphone'],
  ['xylophone xylo xylofon', 'mallet', 1, 'xylophone'],
  ['glock glockenspiel celesta celeste', 'mallet', 1, 'glockenspiel'],
  ['bell bells glocke glocken cloche cloches campana campane', 'mallet', 0.8, 'bells'],
  ['kalimba mbira', 'mallet', 1, 'kalimba'],
  // General MIDI's name for the mallet family.
  ['chromatic+percussion tuned+percussion pitched+percussion', 'mallet', 1],
  ['music+box musicbox spieluhr', 'mallet', 1, 'music box'],
  ['steel+drum steel+drums steeldrum steeldrums steel+pan steelpan', 'mallet', 1, 'steel drum'],
  ['dulcimer cimbalom hackbrett', 'mallet', 0.9, 'dulcimer'],
  // Guitar
  ['guitar guitars guit gtr gtrs guitarra gitarre guitare chitarra violao', 'guitar', 1],
  // Fretted lutes from other traditions sit with the guitars; zithers and harps are plucks.
  ['banjo banjos', 'guitar', 1, 'banjo'],
  ['mandolin mandolins mandolina mandoline', 'guitar', 1, 'mandolin'],
  ['ukulele ukuleles uke', 'guitar', 0.9, 'ukulele'],
  ['sitar sitars', 'guitar', 1, 'sitar'],
  ['oud bouzouki saz baglama balalaika charango shamisen pipa', 'guitar', 0.9, 'lute'],
  ['gt', 'guitar', 0.5],
  // Pluck
  ['pluck plucks plk plucked', 'pluck', 1],
  ['harp harpe arpa harfe', 'pluck', 1, 'harp'],
  ['pizz pizzicato', 'pluck', 0.9, 'pizzicato'],
  ['koto guzheng zither kanun qanun', 'pluck', 0.9, 'zither'],
  // Strings
  ['strings string str strs stringz cuerdas cordas cordes streicher archi', 'strings', 1],
  ['ensemble', 'strings', 0.6],
  ['violin violins vln violon violino geige', 'strings', 1, 'violin'],
  ['viola violas vla', 'strings', 1, 'viola'],
  ['cello cellos violoncello violonchelo', 'strings', 1, 'cello'],
  ['vc', 'strings', 0.6, 'cello'],
  ['contrabass doublebass double+bass contrabajo kontrabass', 'strings', 1, 'contrabass'],
  ['fiddle fiddles', 'strings', 1, 'violin'],
  ['erhu', 'strings', 1, 'erhu'],
  // Brass
  ['brass metales metais cuivres blechblaser ottoni', 'brass', 1],
  ['horn horns french+horn corno trompa', 'brass', 0.9, 'horn'],
  // Not brass at all, despite the name.
  ['english+horn cor+anglais corno+inglese englischhorn', 'woodwind', 1, 'english horn'],
  ['trumpet trumpets tpt trompeta trompete trompette tromba', 'brass', 1, 'trumpet'],
  ['trombone trombones tbn posaune', 'brass', 1, 'trombone'],
  ['tuba tubas', 'brass', 1, 'tuba'],
  // Woodwind
  ['woodwind woodwinds holzblaser legni', 'woodwind', 1],
  ['flute flutes flauta flote flauto', 'woodwind', 1, 'flute'],
  ['fl', 'woodwind', 0.5, 'flute'],
  ['sax saxophone saxofon saxophon sassofono alto+sax tenor+sax', 'woodwind', 1, 'sax'],
  ['clarinet clarinets clarinete klarinette clarinette clarinetto', 'woodwind', 1, 'clarinet'],
  ['oboe oboes hautbois', 'woodwind', 1, 'oboe'],
  ['bassoon bassoons fagott fagot basson', 'woodwind', 1, 'bassoon'],
  ['pan+flute panflute recorder piccolo', 'woodwind', 0.9, 'flute'],
  ['shakuhachi bansuri dizi ney tin+whistle pennywhistle', 'woodwind', 1, 'flute'],
  ['ocarina ocarinas', 'woodwind', 1, 'ocarina'],
  ['bagpipe bagpipes', 'woodwind', 1, 'bagpipe'],
  ['duduk shehnai shenai shanai', 'woodwind', 1, 'double reed'],
  // Lead
  ['lead leads ld lds synthlead synth+lead', 'lead', 1],
  // Pad
  ['pad pads nappe nappes flache', 'pad', 1],
  ['drone drones', 'pad', 0.6],
  // Vocal
  ['vox vocal vocals voice voices voz voix stimme gesang voce vocale acapella acappella a+cappella', 'vocal', 1],
  ['vocal+chop vox+chop vocalchop voxchop chops', 'vocal', 1, 'chop'],
  ['choir choirs chorus coro chor choeur', 'vocal', 1, 'choir'],
  ['adlib adlibs ad+lib shout shouts chant chants spoken speech', 'vocal', 0.8, 'spoken'],
  ['phrase phrases', 'vocal', 0.6, 'phrase'],
  // FX
  ['fx sfx efx effect effects efecto efectos efeito efeitos effet effets effekt effekte effetti', 'fx', 1],
  ['riser risers rise uplifter uplifters upsweep build+up buildup', 'fx', 1, 'riser'],
  ['downlifter downlifters downsweep fall faller', 'fx', 1, 'downlifter'],
  ['impact impacts hit+fx', 'fx', 0.9, 'impact'],
  ['orchestra+hit orchestral+hit orch+hit orchhit orch+hits', 'fx', 0.9, 'orchestra hit'],
  // Reversed cymbals swell into the downbeat: vendors file them with risers, not with cymbals.
  ['reverse+cymbal reversed+cymbal rev+cymbal reverse+crash reversed+crash rev+crash reverse+cym', 'fx', 1, 'reverse'],
  ['applause', 'fx', 0.9, 'crowd'],
  ['crowd crowds audience', 'fx', 0.6, 'crowd'],
  ['boom booms slam', 'fx', 0.5, 'impact'],
  ['sweep sweeps whoosh whooshes swoosh swish', 'fx', 1, 'sweep'],
  ['noise noises white+noise ruido rauschen bruit', 'fx', 0.8, 'noise'],
  ['ambience ambiences soundscape soundscapes field+recording roomtone room+tone', 'fx', 0.8, 'ambience'],
  // Vendors call pads and chord beds "atmos" and "textures" as often as ambiences: a hint, never decisive, and
  // weaker than the folder it sits in (0.45 < a folder word's 0.5: "Pads/Atmos 3.wav" is a pad).
  ['ambient atmos atmosphere atmospheres atmospheric atmo texture textures', 'fx', 0.45, 'ambience'],
  ['foley', 'fx', 1, 'foley'],
  ['glitch glitches stutter', 'fx', 0.8, 'glitch'],
  ['beep beeps bleep bleeps blip blips', 'fx', 0.7, 'blip'],
  ['scratches vinyl+scratch dj+scratch turntable+scratch backspin tape+stop tapestop', 'fx', 0.9, 'scratch'],
  // Bare "scratch" is also the studio's word for a guide take ("scratch vocal"): it weighs little, so any instrument word outvotes it.
  ['scratch rewind', 'fx', 0.45, 'scratch'],
  ['crackle vinyl+crackle hiss tape+hiss', 'fx', 0.8, 'noise'],
  ['transition transitions', 'fx', 0.9, 'transition'],
];

/** Modifiers that ride on other evidence: "808 kick", "sub kick", "808" alone = bass. */
const YIELDING: Row[] = [
  ['808 808s', 'bass', 0.8, '808'],
  ['sub subs', 'bass', 0.8, 'sub'],
];

const GLUED_MIN_LENGTH = 4;
/** Words too common inside other words to be trusted when glued ("ride" in "override", "rise" in "sunrise"). */
const NEVER_GLUED = new Set(['ride', 'rise', 'fall', 'rims', 'harp', 'horn', 'bell', 'bass', 'tamb', 'tumba', 'sino', 'sinos', 'chor', 'coro', 'noise', 'block', 'boom', 'slam', 'chant', 'chops', 'reese', 'organ', 'string', 'voice', 'keys', 'clave', 'scratch', 'rewind', 'hiss', 'pipa', 'koto', 'erhu']);

export const VOCABULARY: ReadonlyMap<string, VocabEntry> = (() => {
  const map = new Map<string, VocabEntry>();
  const addRow = ([words, category, weight, subTag]: Row, yieldsTo?: readonly CategoryId[]) => {
    for (const raw of words.split(' ')) {
      const word = raw.replace(/\+/g, ' ');
      const glued = !yieldsTo && !word.includes(' ') && word.length >= GLUED_MIN_LENGTH && weight >= 0.8 && !NEVER_GLUED.has(word);
      map.set(word, { category, weight, subTag, yieldsTo, glued });
    }
  };
  for (const row of ROWS) addRow(row);
  for (const row of YIELDING) addRow(row, [...DRUMS, 'bass']);
  return map;
})();

/** Longest phrase in VOCABULARY, in words. */
export const MAX_PHRASE_WORDS = 3;

/** Words that say loop / one-shot. */
export const LOOP_WORDS = new Set(['loop', 'loops', 'lp', 'groove', 'grooves', 'beat', 'beats', 'break', 'breaks', 'breakbeat', 'fill', 'fills', 'bucle', 'boucle', 'schleife', 'top', 'tops', 'full', 'phrase', 'riff', 'riffs', 'progression', 'chords', 'arp', 'melody', 'melodies']);
export const ONESHOT_WORDS = new Set(['oneshot', 'oneshots', 'one shot', 'one shots', 'os', 'hit', 'hits', 'shot', 'shots', 'single', 'stab', 'stabs']);

/**
 * Words that say which kind of a category a sound is ("Snr 909", "Tom_High", "Kick Acoustic", "Nylon Gtr"), not what
 * it is: a sub-tag of the category the name's other words chose, when it is one of that category's sub-tags
 * (CATEGORIES[].subTags). The first listed that the category has wins ("elec" is an electronic snare, an electric bass).
 */
export const KIND_WORDS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['808', ['808']], ['909', ['909']], ['sub', ['sub']],
  ['acoustic', ['acoustic']], ['acc', ['acoustic']],
  ['electronic', ['electronic', 'electric']], ['electro', ['electronic']], ['elec', ['electronic', 'electric']], ['electric', ['electric', 'electronic']],
  ['low', ['low']], ['lo', ['low']], ['mid', ['mid']], ['high', ['high']], ['hi', ['high']], ['floor', ['floor']],
  ['nylon', ['nylon']], ['synth', ['synth']], ['brush', ['brush']], ['brushed', ['brush']], ['brushes', ['brush']], ['pedal', ['pedal']],
]);
