// The app's version, for diagnostics and the CLI; a unit test keeps it equal to package.json's.
export const appVersion = '0.1.0'
