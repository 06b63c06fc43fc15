// The umbrella module: `import KMRecon` brings every pipeline stage.
@_exported import KMImage
@_exported import KMDigitize
@_exported import KMReconstruct
@_exported import KMSurvival
@_exported import KMExport
