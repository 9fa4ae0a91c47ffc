import type { MessageKey } from '../i18n/en';

/**
 * Funnel colours one tap away (the custom colour input takes any other). The first two are the
 * starters'. `name` is the key of the colour's name (what a screen reader says).
 */
export const COLOUR_PRESETS: ReadonlyArray<{ readonly hex: string; readonly name: MessageKey }> = [
  { hex: '#ffa500', name: 'settings.colour.orange' },
  { hex: '#48d1cc', name: 'settings.colour.turquoise' },
  { hex: '#e53935', name: 'settings.colour.red' },
  { hex: '#d81b60', name: 'settings.colour.pink' },
  { hex: '#8e24aa', name: 'settings.colour.purple' },
  { hex: '#3949ab', name: 'settings.colour.indigo' },
  { hex: '#1e88e5', name: 'settings.colour.blue' },
  { hex: '#00897b', name: 'settings.colour.teal' },
  { hex: '#43a047', name: 'settings.colour.green' },
  { hex: '#fdd835', name: 'settings.colour.yellow' },
  { hex: '#6d4c41', name: 'settings.colour.brown' },
  { hex: '#757575', name: 'settings.colour.grey' },
];
