import Foundation
public import GatehouseCore
import ZIPFoundation

/// Reads OSV records from a directory of `*.json` files (searched recursively, symlinks not
/// followed) or a ZIP archive of them (as osv.dev publishes per ecosystem). A file holds one
/// record or a JSON array of them (the Go vulnerability database's per-module files); the Go
/// database's own indexes, `index.json` and `aliases.json`, are not records and are skipped.
/// Strict and all or
/// nothing: a file that is not an OSV record stops the import and is named, so a half-read
/// source is never taken for a complete one. Bounded: each record at most
/// ``OSVRecord/maxBytes``, at most ``maxRecords`` records, a ZIP entry's declared size checked
/// before it is inflated and its real size while it is.
public enum OSVSource {
    /// Most records one source may hold.
    public static let maxRecords = 2_000_000

    /// One record and the document it was read from.
    public struct Item: Sendable {
        public let record: OSVRecord
        public let document: String
    }

    /// The records of `path`, a directory or a `.zip` file.
    public static func read(_ path: String) throws -> [Item] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw GatehouseError(.notFound, "\(path) does not exist")
        }
        return isDirectory.boolValue ? try readDirectory(path) : try readZip(path)
    }

    /// Files of the Go vulnerability database that index it rather than hold records.
    static let indexNames: Set<String> = ["index.json", "aliases.json"]

    static func wanted(_ name: String) -> Bool {
        name.hasSuffix(".json") && !indexNames.contains(String(name.split(separator: "/").last ?? ""))
    }

    /// The records of one file: an object, or an array of objects.
    static func items(_ bytes: [UInt8], name: String) throws(GatehouseError) -> [Item] {
        let first = bytes.first { ![0x20, 0x09, 0x0a, 0x0d].contains($0) }
        var documents: [[UInt8]] = [bytes]
        if first == UInt8(ascii: "[") {
            guard let list = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [Any] else {
                throw GatehouseError(.vulnDataInvalid, "\(name.prefix(200)): not a JSON array of OSV records")
            }
            documents = []
            for element in list {
                guard let data = try? JSONSerialization.data(withJSONObject: element, options: [.sortedKeys]) else {
                    throw GatehouseError(.vulnDataInvalid, "\(name.prefix(200)): an element is not a JSON object")
                }
                documents.append(Array(data))
            }
        }
        var out: [Item] = []
        for document in documents {
            do {
                let record = try OSVRecord(json: document)
                out.append(Item(record: record, document: String(decoding: document, as: UTF8.self)))
            } catch {
                throw GatehouseError(.vulnDataInvalid, "\(name.prefix(200)): \(error.message)")
            }
        }
        return out
    }

    static func readDirectory(_ root: String) throws -> [Item] {
        let base = URL(fileURLWithPath: root)
        guard
            let walker = FileManager.default.enumerator(
                at: base, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey], options: [])
        else { throw GatehouseError(.badRequest, "\(root) cannot be listed") }
        var items: [Item] = []
        for case let url as URL in walker where wanted(url.path) {
            let values = try url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
            guard values.isRegularFile == true else { continue }
            let name = String(url.path.dropFirst(base.path.count + 1))
            guard (values.fileSize ?? 0) <= OSVRecord.maxBytes else {
                throw GatehouseError(.vulnDataInvalid, "\(name.prefix(200)) is larger than \(OSVRecord.maxBytes) bytes")
            }
            items += try Self.items(Array(try Data(contentsOf: url)), name: name)
            guard items.count <= maxRecords else {
                throw GatehouseError(.vulnDataInvalid, "\(root) holds more than \(maxRecords) records")
            }
        }
        return items
    }

    static func readZip(_ path: String) throws -> [Item] {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw GatehouseError(.badRequest, "\(path) is neither a directory nor a ZIP archive")
        }
        var items: [Item] = []
        for entry in archive where entry.type == .file && wanted(entry.path) {
            guard entry.uncompressedSize <= UInt64(OSVRecord.maxBytes) else {
                throw GatehouseError(
                    .vulnDataInvalid, "\(entry.path.prefix(200)) is larger than \(OSVRecord.maxBytes) bytes")
            }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(Int(entry.uncompressedSize))
            do {
                _ = try archive.extract(entry) { chunk in
                    guard bytes.count + chunk.count <= OSVRecord.maxBytes else { throw ZipBomb() }
                    bytes.append(contentsOf: chunk)
                }
            } catch {
                throw GatehouseError(
                    .vulnDataInvalid, "\(entry.path.prefix(200)) cannot be read from the archive (corrupt or oversized)"
                )
            }
            items += try Self.items(bytes, name: entry.path)
            guard items.count <= maxRecords else {
                throw GatehouseError(.vulnDataInvalid, "\(path) holds more than \(maxRecords) records")
            }
        }
        return items
    }

    /// An entry that inflates past what it declared.
    struct ZipBomb: Error {}
}

extension OSVRecord {
    /// The records of stored documents; one that no longer parses (a stricter reader than the
    /// one that imported it) is left out rather than failing the rest.
    public static func parsing(_ documents: [String]) -> [OSVRecord] {
        documents.compactMap { try? OSVRecord(json: Array($0.utf8)) }
    }

    /// The family of the first affected package's ecosystem (`Debian` of `Debian:12`), for
    /// the store's counts.
    public var ecosystemFamily: String {
        guard let ecosystem = affected.first?.package.ecosystem, !ecosystem.isEmpty else { return "unknown" }
        return String(ecosystem.prefix { $0 != ":" }.prefix(40))
    }
}
