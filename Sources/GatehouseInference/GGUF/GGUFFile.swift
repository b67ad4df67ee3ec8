import Foundation
public import GatehouseCore

/// Reads the header of a GGUF model file without loading its tensor data.
public enum GGUFFile {
    /// Reads and validates the header of the GGUF file at `path` (versions 2 and 3, little-endian).
    ///
    /// Only the header is read, incrementally and with bounded buffers; tensor data is never
    /// touched, but every tensor must lie inside the file.
    /// - Throws: `GatehouseError` with code `.modelInvalid` naming the file and the problem.
    public static func read(path: String, limits: GGUFLimits = .standard) throws(GatehouseError) -> GGUFInfo {
        let label = ggufExcerpt((path as NSString).lastPathComponent)
        let source = try GGUFFileSource(path: path, label: label)
        defer { source.close() }
        var parser = GGUFParser(source: source, label: label, limits: limits)
        return try parser.parse()
    }

    /// Parses a GGUF header held in memory; `label` names it in error messages.
    public static func parse(
        bytes: [UInt8], label: String = "<memory>", limits: GGUFLimits = .standard
    ) throws(GatehouseError) -> GGUFInfo {
        var parser = GGUFParser(source: GGUFMemorySource(bytes: bytes), label: ggufExcerpt(label), limits: limits)
        return try parser.parse()
    }
}
