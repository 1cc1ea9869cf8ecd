import ArgumentParser

/// Output formats of the access queries (effective, explain, who-can).
enum AccessFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json
}
