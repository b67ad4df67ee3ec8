import Foundation
import GatehouseCore

/// A regular file read through `FileHandle` with explicit offsets; never reads the whole file.
struct GGUFFileSource: GGUFByteSource {
    let handle: FileHandle
    let size: UInt64
    let label: String

    /// Opens `path`, refusing anything that is not a readable regular file.
    init(path: String, label: String) throws(GatehouseError) {
        self.label = label
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw GatehouseError(.modelInvalid, "model file \(label): cannot be found or read")
        }
        guard (attributes[.type] as? FileAttributeType) == .typeRegular else {
            throw GatehouseError(.modelInvalid, "model file \(label): not a regular file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw GatehouseError(.modelInvalid, "model file \(label): cannot be opened for reading")
        }
        self.handle = handle
        do {
            self.size = try handle.seekToEnd()
        } catch {
            try? handle.close()
            throw GatehouseError(.modelInvalid, "model file \(label): cannot determine its size")
        }
    }

    func read(at offset: UInt64, count: Int) throws(GatehouseError) -> [UInt8] {
        do {
            try handle.seek(toOffset: offset)
            guard let data = try handle.read(upToCount: count) else { return [] }
            return [UInt8](data)
        } catch {
            throw GatehouseError(.modelInvalid, "model file \(label): read failed at byte \(offset)")
        }
    }

    /// Closes the handle.
    func close() { try? handle.close() }
}
