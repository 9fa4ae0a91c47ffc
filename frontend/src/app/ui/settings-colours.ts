/** Funnel colours one tap away (the custom colour input takes any other). The first two are the starters'. */
export const COLOUR_PRESETS: ReadonlyArray<{ readonly hex: string; readonly name: string }> = [
  { hex: '#ffa500', name: 'Orange' },
  { hex: '#48d1cc', name: 'Turquoise' },
  { hex: '#e53935', name: 'Red' },
  { hex: '#d81b60', name: 'Pink' },
  { hex: '#8e24aa', name: 'Purple' },
  { hex: '#3949ab', name: 'Indigo' },
  { hex: '#1e88e5', name: 'Blue' },
  { hex: '#00897b', name: 'Teal' },
  { hex: '#43a047', name: 'Green' },
  { hex: '#fdd835', name: 'Yellow' },
  { hex: '#6d4c41', name: 'Brown' },
  { hex: '#757575', name: 'Grey' },
];
