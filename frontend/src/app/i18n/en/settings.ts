/** English texts of the settings area (the source); keys start with "settings.". */
export const settings = {
} satisfies Record<`settings.${string}`, string>;
