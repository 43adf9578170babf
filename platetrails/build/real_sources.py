"""The public data sets behind the derived figures, as (publisher, title, date, link): cited on every row."""

EFF = (
    "Electronic Frontier Foundation and MuckRock",
    "Data Driven: Explore How Cops Are Collecting and Sharing Our Travel Patterns Using Automated License Plate Readers",
    "2020-01-28",
    "https://www.eff.org/pages/automated-license-plate-reader-dataset",
)
NANDO = (
    "The News & Observer (McClatchy)",
    "Private Eyes: Flock Safety transparency portal data, scraped 2024-04-26",
    "2024-04-26",
    "https://github.com/mcclatchy-southeast/private_eyes",
)
