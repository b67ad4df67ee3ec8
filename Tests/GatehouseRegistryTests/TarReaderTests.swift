import Foundation
import GatehouseCore
import NIOCore
import Testing

@testable import GatehouseRegistry

/// The tar reader against hostile layers: escapes, devices, bombs, bad checksums, truncation.
@Suite struct TarReaderTests {
    /// A 512-byte ustar header, checksummed.
    static func header(
        _ name: String, type: Character = "0", size: Int = 0, link: String = "", mode: Int = 0o644
    ) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, width: Int) {
            for (index, byte) in text.utf8.prefix(width).enumerated() { block[offset + index] = byte }
        }
        put(name, at: 0, width: 100)
        put(String(format: "%07o\0", mode), at: 100, width: 8)
        put(String(format: "%011o\0", size), at: 124, width: 12)
        block[156] = UInt8(ascii: type.unicodeScalars.first!)
        put(link, at: 157, width: 100)
        put("ustar\0", at: 257, width: 6)
        put("00", at: 263, width: 2)
        for index in 148..<156 { block[index] = 32 }
        let sum = block.reduce(0) { $0 + Int($1) }
        put(String(format: "%06o\0 ", sum), at: 148, width: 8)
        return block
    }

    static func member(
        _ name: String, _ content: String = "", type: Character = "0", link: String = "", mode: Int = 0o644
    ) -> [UInt8] {
        let bytes = Array(content.utf8)
        let padding = (512 - bytes.count % 512) % 512
        return header(name, type: type, size: bytes.count, link: link, mode: mode) + bytes
            + [UInt8](repeating: 0, count: padding)
    }

    static let end = [UInt8](repeating: 0, count: 1024)

    static func read(_ bytes: [UInt8], limits: TarLimits = TarLimits(), chunk: Int = 1 << 20) throws -> [TarEntry] {
        var reader = TarReader(limits: limits)
        var entries: [TarEntry] = []
        var offset = 0
        while offset < bytes.count {
            let slice = Array(bytes[offset..<min(bytes.count, offset + chunk)])
            entries += try reader.feed(ByteBuffer(bytes: slice))
            offset += chunk
        }
        try reader.finish()
        return entries
    }

    @Test func membersAreReadAndNormalisedWhateverTheChunking() throws {
        let paxBody = "30 path=" + String(repeating: "p", count: 21) + "\n"
        let archive =
            Self.member("./bin/", type: "5") + Self.member("bin/busybox", "ELF...")
            + Self.member("bin/sh", type: "2", link: "busybox")
            + Self.member("/etc//passwd", "root:x:0:0::/root:/bin/sh\n")
            + Self.member("././@LongLink", String(repeating: "d/", count: 80) + "long\0", type: "L")
            + Self.member("ignored-short-name") + Self.member("PaxHeaders/x", paxBody, type: "x") + Self.member("short")
            + Self.end
        let whole = try Self.read(archive)
        #expect(
            whole.map(\.path) == [
                "bin", "bin/busybox", "bin/sh", "etc/passwd", String(repeating: "d/", count: 80) + "long",
                String(repeating: "p", count: 21),
            ])
        #expect(whole[2].kind == .symlink(target: "busybox"))
        #expect(whole[1].size == 6)
        #expect(try Self.read(archive, chunk: 1) == whole)
        #expect(try Self.read(archive, chunk: 700) == whole)
    }

    @Test(arguments: [
        ("../etc/shadow", Character("0"), "leads out"), ("a/../../b", "0", "leads out"), ("dev/sda", "4", "device"),
        ("dev/tty", "3", "device"), ("x", "Z", "unknown member type"),
    ])
    func hostileMembersAreRefused(name: String, type: Character, message: String) {
        #expect {
            _ = try Self.read(Self.member(name, type: type) + Self.end)
        } throws: { error in
            (error as? GatehouseError)?.code == .ociManifestInvalid && "\(error)".contains(message)
        }
    }

    @Test func hardLinksMayNotLeadOutEither() {
        #expect(throws: GatehouseError.self) {
            try Self.read(Self.member("a", type: "1", link: "../../etc/shadow") + Self.end)
        }
    }

    @Test func bombsBadChecksumsAndTruncationAreRefused() {
        var limits = TarLimits()
        limits.maxEntryBytes = 100
        #expect(throws: GatehouseError.self) {
            try Self.read(Self.header("big", size: 1000) + Self.end, limits: limits)
        }
        limits = TarLimits()
        limits.maxTotalBytes = 10
        #expect(throws: GatehouseError.self) {
            try Self.read(Self.member("a", "123456") + Self.member("b", "123456") + Self.end, limits: limits)
        }
        limits = TarLimits()
        limits.maxEntries = 2
        #expect(throws: GatehouseError.self) {
            try Self.read(Self.member("a") + Self.member("b") + Self.member("c") + Self.end, limits: limits)
        }
        var corrupt = Self.member("a", "x")
        corrupt[0] = UInt8(ascii: "b")  // the checksum no longer matches
        #expect(throws: GatehouseError.self) { try Self.read(corrupt + Self.end) }
        let truncated = Array(Self.member("a", String(repeating: "x", count: 2000)).prefix(1024))
        #expect(throws: GatehouseError.self) { try Self.read(truncated) }
    }

    @Test func whiteoutsAndSymlinkedDirectoriesShapeTheFinalFilesystem() throws {
        var filesystem = ImageFilesystem()
        filesystem.apply(
            try Self.read(
                Self.member("usr/bin", type: "5") + Self.member("bin", type: "2", link: "usr/bin")
                    + Self.member("usr/bin/bash", "#!") + Self.member("usr/bin/apt", "x")
                    + Self.member("etc/apk", type: "5")
                    + Self.member("etc/apk/world", "x") + Self.end))
        #expect(filesystem.exists("bin/bash"))  // through the bin → usr/bin symlink
        #expect(HardeningFacts(filesystem: filesystem, user: "").packageManagers == ["usr/bin/apt"])
        filesystem.apply(
            try Self.read(
                Self.member("usr/bin/.wh.apt") + Self.member("etc/apk/.wh..wh..opq") + Self.end))
        #expect(!filesystem.exists("usr/bin/apt"))
        #expect(!filesystem.exists("etc/apk/world"))
        #expect(filesystem.exists("etc/apk"))
        let facts = HardeningFacts(filesystem: filesystem, user: "app:app")
        #expect(facts.nonRoot && facts.packageManagers.isEmpty)
        #expect(facts.shells.contains("bin/bash"))
        #expect(facts.failing(["non_root", "no_shell", "no_package_manager"]) == ["no_shell"])
        #expect(!HardeningFacts(filesystem: filesystem, user: "0:0").nonRoot)
        #expect(!HardeningFacts(filesystem: filesystem, user: "").nonRoot)
    }
}
