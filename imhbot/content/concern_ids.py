"""The fixed concern taxonomy (spec/concerns.yaml); content must define exactly these ids."""

CONCERN_IDS: tuple[str, ...] = (
    "huilen",
    "slapen",
    "voeding",
    "hechting",
    "gedrag",
    "ontwikkeling",
    "taal",
    "ouder_welzijn",
    "zwangerschap",
    "medisch",
    "gezin",
    "veiligheid",
    "over_imh",
)
