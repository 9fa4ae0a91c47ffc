/** English texts of the onboarding area (the source); keys start with "onboarding.". */
export const onboarding = {
} satisfies Record<`onboarding.${string}`, string>;
