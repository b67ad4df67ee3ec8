/// What one file yielded: its packages, and notes about entries inside it that were skipped.
public struct CatalogResult: Sendable, Hashable {
    /// The packages found, in file order, without duplicates.
    public var packages: [Package]
    /// Why entries inside the file were skipped, without the file's path (the caller prefixes it);
    /// at most 20 plus one summary line.
    public var notes: [String]

    /// Creates a result.
    public init(packages: [Package] = [], notes: [String] = []) {
        self.packages = packages
        self.notes = notes
    }
}

/// A bounded collector of notes about skipped entries.
struct Notes: Sendable {
    /// The most notes kept; further ones are counted.
    static let limit = 20
    private(set) var lines: [String] = []
    private var dropped = 0

    /// Records a note.
    mutating func add(_ note: String) {
        if lines.count < Self.limit { lines.append(note) } else { dropped += 1 }
    }

    /// The notes, with a summary of those dropped.
    var all: [String] { dropped == 0 ? lines : lines + ["\(dropped) more entries skipped"] }
}
