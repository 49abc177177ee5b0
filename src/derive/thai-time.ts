// Finds clock times as Thai pages write them: "เวลา 09.30 น.", "๐๙.๓๐ – ๑๒.๐๐ น.", "13:30 นาฬิกา", "เวลา 9 นาฬิกา".
import { dateText } from './thai-date.js';

const HH = '(?:[01]?\\d|2[0-3])';
const HHMM = `${HH}[.:][0-5]\\d`;
// "น." is the clock's unit; a bare "น" must not be the start of a word ("12.00 นาย…").
const UNIT = '(?:น\\.|นาฬิกา|น(?![\\u0E00-\\u0E7F]))';
const SPAN = `(?:\\s*(?:-|–|—|ถึง)\\s*${HHMM})?`;

// Either a time followed by its unit, or any time after the word "เวลา"; a time is never the tail of an amount (2,520.00).
const TIME = new RegExp(`(?<![\\d.,:])${HHMM}${SPAN}\\s*${UNIT}|เวลา\\s*(?:${HHMM}|${HH}\\s*${UNIT})`, 'g');

/** The clock times written in the text, as matched. */
export function findThaiTimes(input: string): string[] {
  return [...dateText(input).matchAll(TIME)].map((m) => m[0]);
}
