import GatehouseCore
import Testing

@testable import GatehouseInference

/// Parses `blob` expecting a `.modelInvalid` refusal whose message contains `fragment`.
func expectGGUFRefused(_ blob: [UInt8], _ fragment: String, limits: GGUFLimits = .standard) {
    let error = ggufError { () throws(GatehouseError) in
        try GGUFFile.parse(bytes: blob, label: "evil.gguf", limits: limits)
    }
    #expect(error?.code == .modelInvalid)
    #expect(error?.message.contains("evil.gguf") == true)
    #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "no error")")
}

/// A header followed by raw bytes.
func ggufHeader(version: UInt32 = 3, tensors: UInt64 = 0, entries: UInt64, _ rest: (inout GGUFBytes) -> Void) -> [UInt8]
{
    var out = GGUFBytes()
    out.bytes = Array("GGUF".utf8)
    out.u32(version)
    out.u64(tensors)
    out.u64(entries)
    rest(&out)
    return out.bytes
}

@Suite("GGUF hostile input")
struct GGUFHostileTests {
    @Test("bad magic, empty input, unknown versions and big-endian files are refused")
    func headers() {
        expectGGUFRefused([], "truncated while reading magic")
        expectGGUFRefused(Array("GGML".utf8) + [3, 0, 0, 0], "bad magic")
        expectGGUFRefused(ggufHeader(version: 1, entries: 0) { _ in }, "version 1 is not supported")
        expectGGUFRefused(ggufHeader(version: 4, entries: 0) { _ in }, "version 4 is not supported")
        expectGGUFRefused(ggufHeader(version: 0x0300_0000, entries: 0) { _ in }, "big-endian")
    }

    @Test("every truncation of a valid model is refused cleanly")
    func truncatedEverywhere() throws {
        let blob = sampleGGUFModel()
        let info = try GGUFFile.parse(bytes: blob)
        for length in 0..<blob.count {
            let error = ggufError { () throws(GatehouseError) in
                try GGUFFile.parse(bytes: Array(blob[..<length]), label: "cut.gguf")
            }
            #expect(error?.code == .modelInvalid, "prefix of \(length) bytes was accepted")
            let message = error?.message ?? ""
            var expected = false
            for fragment in ["truncated", "past the end of the file", "cannot fit in the file", "file is too short"] {
                expected = expected || message.contains(fragment)
            }
            #expect(expected, "\(length): \(message)")
            if length >= Int(info.dataOffset) { #expect(message.contains("past the end of the file")) }
        }
    }

    @Test("absurd counts and lengths are refused before allocating")
    func absurdCounts() {
        expectGGUFRefused(ggufHeader(entries: UInt64.max) { _ in }, "limit 65536")
        expectGGUFRefused(ggufHeader(entries: 60_000) { _ in }, "cannot fit in the file")
        expectGGUFRefused(ggufHeader(tensors: UInt64.max, entries: 0) { _ in }, "limit 1000000")
        expectGGUFRefused(ggufHeader(tensors: 1_000, entries: 0) { _ in }, "cannot fit in the file")
        let padding = [UInt8](repeating: 0, count: 16)
        expectGGUFRefused(
            ggufHeader(entries: 1) {
                $0.u64(UInt64.max)
                $0.bytes += padding
            }, "limit 1048576")
        expectGGUFRefused(
            ggufHeader(entries: 1) {
                $0.u64(100)
                $0.bytes += padding
            }, "truncated while reading key")
        expectGGUFRefused(
            ggufHeader(entries: 1) {
                $0.string("k")
                $0.u32(GGUFValueType.array.rawValue)
                $0.u32(GGUFValueType.uint8.rawValue)
                $0.u64(UInt64.max)
            }, "limit 10000000")
        expectGGUFRefused(
            ggufHeader(entries: 1) {
                $0.string("k")
                $0.u32(GGUFValueType.array.rawValue)
                $0.u32(GGUFValueType.string.rawValue)
                $0.u64(5_000_000)
            }, "file is too short")
        expectGGUFRefused(
            ggufHeader(entries: 1) {
                $0.string("k")
                $0.u32(GGUFValueType.string.rawValue)
                $0.u64(1 << 40)
            }, "limit 1048576")
    }

    @Test("unknown value types, bad booleans, duplicate keys and deep nesting are refused")
    func badValues() {
        expectGGUFRefused(
            ggufHeader(entries: 1) {
                $0.string("k")
                $0.u32(13)
            }, "unknown value type 13")
        expectGGUFRefused(
            ggufHeader(entries: 1) {
                $0.string("k")
                $0.u32(7)
                $0.int(2, width: 1)
            }, "boolean with value 2")
        expectGGUFRefused(makeGGUF(metadata: [("k", .u8(1)), ("k", .u8(2))]), "duplicate metadata")
        var deep = GGUFTestValue.array(.uint8, [])
        for _ in 0..<4 { deep = .array(.array, [deep]) }
        expectGGUFRefused(makeGGUF(metadata: [("deep", deep)]), "deeper than 3")
        var limits = GGUFLimits()
        limits.maxStoredArrayLength = 0
        expectGGUFRefused(makeGGUF(metadata: [("deep", deep)]), "deeper than 3", limits: limits)
    }

    @Test("bad tensor descriptions are refused")
    func badTensors() {
        let tensor = GGUFTestTensor(name: "t", dims: [32], type: 0, bytes: 128)
        func with(_ change: (inout GGUFTestTensor) -> Void) -> [UInt8] {
            var copy = tensor
            change(&copy)
            return makeGGUF(tensors: [copy])
        }
        expectGGUFRefused(with { $0.type = 4 }, "unknown ggml type 4")
        expectGGUFRefused(with { $0.type = 999 }, "unknown ggml type 999")
        expectGGUFRefused(with { $0.dims = [] }, "0 dimensions")
        expectGGUFRefused(with { $0.dims = [1, 1, 1, 1, 1] }, "5 dimensions")
        expectGGUFRefused(with { $0.dims = [UInt64.max] }, "dimension too large")
        expectGGUFRefused(with { $0.dims = [1 << 40, 1 << 40] }, "element count overflows")
        expectGGUFRefused(
            with {
                $0.dims = [1 << 62]
                $0.type = 0
            }, "size overflows")
        expectGGUFRefused(
            with {
                $0.type = 2
                $0.dims = [33]
            }, "not a multiple of 32")
        expectGGUFRefused(with { $0.offset = 8 }, "not a multiple of 32")
        expectGGUFRefused(with { $0.offset = UInt64.max - 31 }, "past the end of the file")
        expectGGUFRefused(with { $0.dims = [1_000_000] }, "past the end of the file")
        expectGGUFRefused(makeGGUF(tensors: [tensor, tensor]), "duplicate tensor name")
        expectGGUFRefused(with { $0.name = String(repeating: "n", count: 2_000) }, "limit 1024")
    }

    @Test("error messages never echo more than about 100 characters of input")
    func boundedEcho() {
        let key = String(repeating: "K", count: 5_000) + "\u{7}"
        let error = ggufError { () throws(GatehouseError) in
            try GGUFFile.parse(
                bytes: ggufHeader(entries: 1) {
                    $0.string(key)
                    $0.u32(99)
                })
        }
        let message = error?.message ?? ""
        #expect(message.contains("unknown value type 99"))
        #expect(message.count < 250)
        #expect(!message.contains("\u{7}"))
    }
}
