import GatehouseCore
import Testing

@testable import GatehouseInference

@Suite("GGUF metadata values")
struct GGUFValueTests {
    @Test("every scalar value type round-trips")
    func scalars() throws {
        let blob = makeGGUF(metadata: [
            ("u8", .u8(250)), ("i8", .i8(-5)), ("u16", .u16(65_000)), ("i16", .i16(-300)),
            ("u32", .u32(4_000_000_000)), ("i32", .i32(-70_000)), ("u64", .u64(UInt64.max)),
            ("i64", .i64(Int64.min)), ("f32", .f32(1.5)), ("f64", .f64(-2.25)), ("yes", .bool(true)),
            ("no", .bool(false)), ("s", .str("héllo ✓")),
        ])
        let info = try GGUFFile.parse(bytes: blob)
        #expect(info.metadata["u8"] == .uint8(250))
        #expect(info.metadata["i8"] == .int8(-5))
        #expect(info.metadata["u16"] == .uint16(65_000))
        #expect(info.metadata["i16"] == .int16(-300))
        #expect(info.metadata["u32"] == .uint32(4_000_000_000))
        #expect(info.metadata["i32"] == .int32(-70_000))
        #expect(info.metadata["u64"] == .uint64(UInt64.max))
        #expect(info.metadata["i64"] == .int64(Int64.min))
        #expect(info.metadata["f32"] == .float32(1.5))
        #expect(info.metadata["f64"] == .float64(-2.25))
        #expect(info.metadata["yes"] == .bool(true))
        #expect(info.metadata["no"] == .bool(false))
        #expect(info.metadata["s"] == .string("héllo ✓"))
        #expect(info.metadata["u64"]?.int64Value == nil)
        #expect(info.metadata["i32"]?.intValue == -70_000)
        #expect(info.metadata["f32"]?.doubleValue == 1.5)
        #expect(info.metadata.count == 13)
    }

    @Test("small arrays keep their values, including arrays of arrays")
    func smallArrays() throws {
        let blob = makeGGUF(metadata: [
            ("ints", .array(.int32, [.i32(1), .i32(-2), .i32(3)])),
            ("strings", .array(.string, [.str("x"), .str("")])),
            ("nested", .array(.array, [.array(.uint8, [.u8(1)]), .array(.uint8, [])])),
            ("empty", .array(.float64, [])),
        ])
        let info = try GGUFFile.parse(bytes: blob)
        #expect(
            info.metadata["ints"]
                == .array(GGUFArray(elementType: .int32, count: 3, values: [.int32(1), .int32(-2), .int32(3)])))
        #expect(info.metadata["strings"]?.arrayValue?.values == [.string("x"), .string("")])
        let nested = try #require(info.metadata["nested"]?.arrayValue)
        #expect(nested.elementType == .array)
        #expect(nested.values?.first == .array(GGUFArray(elementType: .uint8, count: 1, values: [.uint8(1)])))
        #expect(info.metadata["empty"]?.arrayValue?.count == 0)
    }

    @Test("large arrays are skipped, counted, not stored, and parsing continues after them")
    func largeArraysSkipped() throws {
        var limits = GGUFLimits()
        limits.maxStoredArrayLength = 2
        let blob = makeGGUF(metadata: [
            ("floats", .array(.float32, [.f32(1), .f32(2), .f32(3)])),
            ("vocab", .array(.string, [.str("alpha"), .str("beta"), .str("gamma"), .str("d")])),
            ("nested", .array(.array, [.array(.string, [.str("q")]), .array(.int8, [.i8(1)]), .array(.bool, [])])),
            ("after", .str("still here")),
        ])
        let info = try GGUFFile.parse(bytes: blob, limits: limits)
        #expect(info.metadata["floats"] == .array(GGUFArray(elementType: .float32, count: 3, values: nil)))
        #expect(info.metadata["vocab"] == .array(GGUFArray(elementType: .string, count: 4, values: nil)))
        #expect(info.metadata["nested"]?.arrayValue?.count == 3)
        #expect(info.metadata["nested"]?.arrayValue?.values == nil)
        #expect(info.metadata["after"] == .string("still here"))
    }

    @Test("invalid UTF-8 is replaced, not refused")
    func invalidUTF8() throws {
        var blob = makeGGUF(metadata: [("k", .str("ab"))])
        let index = try #require(blob.lastIndex(of: UInt8(ascii: "b")))
        blob[index] = 0xFF
        let info = try GGUFFile.parse(bytes: blob)
        #expect(info.metadata["k"] == .string("a\u{FFFD}"))
    }
}
