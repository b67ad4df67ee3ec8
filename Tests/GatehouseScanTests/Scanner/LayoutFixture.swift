import Foundation
import GatehouseRegistry

/// Builds OCI image layouts from hand-written tar layers, for scanner tests.
enum LayoutFixture {
    /// One tar member: a 512-byte ustar header, then the content padded to 512 bytes.
    static func member(_ name: String, _ content: String = "", type: Character = "0", mode: Int = 0o644) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, width: Int) {
            for (index, byte) in text.utf8.prefix(width).enumerated() { block[offset + index] = byte }
        }
        let bytes = Array(content.utf8)
        put(name, at: 0, width: 100)
        put(String(format: "%07o\0", mode), at: 100, width: 8)
        put(String(format: "%011o\0", bytes.count), at: 124, width: 12)
        block[156] = UInt8(ascii: type.unicodeScalars.first!)
        put("ustar\0", at: 257, width: 6)
        put("00", at: 263, width: 2)
        for index in 148..<156 { block[index] = 32 }
        let sum = block.reduce(0) { $0 + Int($1) }
        put(String(format: "%06o\0 ", sum), at: 148, width: 8)
        return block + bytes + [UInt8](repeating: 0, count: (512 - bytes.count % 512) % 512)
    }

    static let end = [UInt8](repeating: 0, count: 1024)

    /// Writes a layout with one image of `layers` (plain tar) to a new folder; returns its path
    /// and the layer digests.
    static func write(layers: [[UInt8]], user: String = "") throws -> (path: String, layers: [String]) {
        let root = NSTemporaryDirectory() + "gatehouse-layout-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: root + "/blobs/sha256", withIntermediateDirectories: true)
        func blob(_ bytes: [UInt8]) throws -> Digest {
            let digest = Digest.sha256(of: bytes)
            try Data(bytes).write(to: URL(fileURLWithPath: "\(root)/blobs/sha256/\(digest.hex)"))
            return digest
        }
        let layerDigests = try layers.map(blob)
        let config = try blob(Array(#"{"architecture":"amd64","os":"linux","config":{"User":"\#(user)"}}"#.utf8))
        let layerList = zip(layerDigests, layers).map { digest, bytes in
            #"{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"\#(digest)","size":\#(bytes.count)}"#
        }.joined(separator: ",")
        let manifestBytes = Array(
            #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"\#(config)","size":1},"layers":[\#(layerList)]}"#
                .utf8)
        let manifest = try blob(manifestBytes)
        try #"{"imageLayoutVersion":"1.0.0"}"#.write(toFile: root + "/oci-layout", atomically: true, encoding: .utf8)
        try
            #"{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"\#(manifest)","size":\#(manifestBytes.count),"annotations":{"org.opencontainers.image.ref.name":"test"}}]}"#
            .write(toFile: root + "/index.json", atomically: true, encoding: .utf8)
        return (root, layerDigests.map(\.description))
    }

    /// A dpkg status paragraph.
    static func dpkg(_ name: String, _ version: String, source: String? = nil) -> String {
        """
        Package: \(name)
        Status: install ok installed
        Architecture: amd64
        \(source.map { "Source: \($0)\n" } ?? "")Version: \(version)
        Description: test package \(name)


        """
    }
}
