import Foundation

/// Writes small, valid GGUF v3 files for tests: a llama header with a file type, a context
/// length and one F32 tensor of `elements` weights.
enum TinyGGUF {
    static func bytes(fileType: UInt32 = 3, contextLength: UInt32 = 2048, elements: UInt64 = 64) -> [UInt8] {
        var out: [UInt8] = []
        func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { out += $0 } }
        func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { out += $0 } }
        func string(_ value: String) {
            u64(UInt64(value.utf8.count))
            out += Array(value.utf8)
        }
        out += Array("GGUF".utf8)
        u32(3)
        u64(1)  // tensors
        u64(4)  // metadata entries
        string("general.architecture")
        u32(8)
        string("llama")
        string("general.name")
        u32(8)
        string("tiny")
        string("general.file_type")
        u32(4)
        u32(fileType)
        string("llama.context_length")
        u32(4)
        u32(contextLength)
        string("token_embd.weight")
        u32(1)
        u64(elements)
        u32(0)  // F32
        u64(0)  // offset
        while out.count % 32 != 0 { out.append(0) }
        for index in 0..<elements { withUnsafeBytes(of: Float(index).bitPattern.littleEndian) { out += $0 } }
        return out
    }

    /// Writes a tiny GGUF to `directory/name` and returns its path.
    static func write(in directory: String, name: String = "tiny.gguf", fileType: UInt32 = 3, elements: UInt64 = 64)
        throws -> String
    {
        let path = directory + "/" + name
        try Data(bytes(fileType: fileType, elements: elements)).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// A fresh temporary directory, removed by `cleanup()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "h-models-" + UUID().uuidString.lowercased()
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func cleanup() { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `directory/name` and returns its path.
    func write(_ text: String, to name: String) throws -> String {
        let file = path + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// The names in `relative` (an empty list when the directory is missing).
    func contents(_ relative: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path + "/" + relative)) ?? []).sorted()
    }
}
