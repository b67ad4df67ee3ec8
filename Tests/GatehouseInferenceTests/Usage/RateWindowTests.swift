import GatehouseInference
import Testing

/// The one-minute window behind rpm and tpm limits.
@Suite struct RateWindowTests {
    @Test func countsTheLastSixtySecondsOnly() {
        var window = RateWindow()
        window.add(requests: 1, tokens: 100, at: 1000)
        window.add(requests: 2, tokens: 50, at: 1030)
        #expect(window.totals(at: 1030) == (requests: 3, tokens: 150))
        #expect(window.totals(at: 1059) == (requests: 3, tokens: 150))
        #expect(window.totals(at: 1060) == (requests: 2, tokens: 50))
        #expect(window.totals(at: 1090) == (requests: 0, tokens: 0))
    }

    @Test func aReusedSlotForgetsItsOldSecond() {
        var window = RateWindow()
        window.add(requests: 5, at: 10)
        window.add(requests: 1, at: 70)
        #expect(window.totals(at: 70) == (requests: 1, tokens: 0))
    }

    @Test func saysWhenRoomReturns() {
        var window = RateWindow()
        window.add(requests: 1, at: 100)
        window.add(requests: 1, at: 120)
        #expect(window.secondsUntilRoom(at: 130) == 30)
        #expect(RateWindow().secondsUntilRoom(at: 5) == 0)
    }
}
