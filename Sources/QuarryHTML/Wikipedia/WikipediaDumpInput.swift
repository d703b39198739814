// The bytes of a MediaWiki dump on their way from a ByteSource (plain, or decompressing a
// .bz2 multistream dump) to libxml2's reader, through its read callback. Besides handing bytes
// on, it
//   - notes the stream offset of every `<page` start tag (the tag cannot occur inside text,
//     where `<` is always escaped), so each page record carries its exact offset;
//   - stops the XML stream at damage (a corrupt bzip2 stream): bytes before and after are not
//     contiguous, so libxml2 gets the bytes before it, a little padding (so that it delivers
//     every node complete before the damage) and then the end of its input;
//   - starts new stretches of the dump for new readers after damage or malformed XML: from
//     the next `<page` start (served after `<mediawiki>`, to make a document), or one page
//     alone (`<mediawiki>`, the bytes from `<page` to `</page>`, `</mediawiki>`), which is
//     how the scanner re-reads the pages around an error one at a time.
// Memory: one fixed 1 MiB window. Bytes already handed on stay in it for a while (the last
// 64 KiB, and the page being read when it is shorter than half the window) to re-read them.
import Glibc
import QuarryCore
import QuarryIO

/// Bytes of one dump for the XML reader.
final class WikipediaDumpInput {
    static let capacity = 1 << 20
    /// Bytes already handed on that stay in the window.
    static let history = 1 << 16
    static let minimumRead = 1 << 16
    /// Spaces served after the bytes before damage.
    static let paddingBytes = 2048
    static let documentStart = Array("<mediawiki>".utf8)
    static let documentEnd = Array("</mediawiki>".utf8)
    static let pageEnd = Array("</page>".utf8)

    /// How a page could be set up to be read alone.
    enum Frame {
        case framed
        /// Its bytes are no longer in the window (a page longer than half of it).
        case unavailable
        /// No `</page>` before the end of the input, or before damage.
        case incomplete
    }

    private let source: any ByteSource
    private let buffer: UnsafeMutablePointer<UInt8>
    /// The next byte to hand on, and the end of the bytes read from the source.
    private var lo = 0
    private var hi = 0
    /// Stream offset of buffer[0].
    private var bufferOffset: Int64 = 0
    /// Page start tags at positions below this have been looked for.
    private var scanned = 0
    /// Where a damaged stretch begins (bytes from here on do not follow the ones before).
    private var breakAt: Int?
    private var paddingLeft = 0
    /// The end of a single page being served alone.
    private var frameEnd: Int?
    private var prefix: [UInt8] = []
    private var prefixAt = 0
    private var suffix: [UInt8] = []
    private var suffixAt = 0
    /// Start of the page being read, kept in the window to read it again.
    private var pinned: Int?
    private var pageStarts: [Int64] = []
    private var pageStartsHead = 0
    private var pendingIssues: [InputIssue] = []
    /// Line breaks handed on in this stretch.
    private var servedLines = 0

    /// The source has no more bytes.
    private(set) var sourceEnded = false
    /// An I/O error the source threw (the reader then fails; the scanner rethrows this).
    private(set) var readError: (any Error)?
    /// Stream offset of the first byte of the current stretch (after its prefix).
    private(set) var segmentStart: Int64 = 0
    /// How many stretches were started after the first.
    private(set) var resumptions = 0
    /// The last search for a page start skipped over damage.
    private(set) var crossedDamage = false

    init(source: any ByteSource) {
        self.source = source
        buffer = .allocate(capacity: Self.capacity)
    }

    deinit { buffer.deallocate() }

    /// Bytes of the underlying file consumed so far.
    var fileOffset: Int64 { source.fileOffset }
    /// Whether libxml2 has been given every byte before a damaged stretch.
    var stoppedAtDamage: Bool { frameEnd == nil && breakAt.map { lo >= $0 } ?? false }
    /// Whether the source has ended and libxml2 has been given all of it.
    var handedEverything: Bool { sourceEnded && breakAt == nil && frameEnd == nil && lo == hi }
    /// Stream offset just past the last byte read from the source.
    var endOffset: Int64 { bufferOffset + Int64(hi) }

    /// Stream offset of a position libxml2 reports (bytes it consumed in this stretch).
    func streamOffset(consumed: Int64) -> Int64 {
        segmentStart + max(0, consumed - Int64(prefix.count))
    }

    private func index(of offset: Int64) -> Int {
        Int(min(max(offset - bufferOffset, 0), Int64(hi)))
    }

    /// The stream offset of a line and column libxml2 reports in the current stretch (whose
    /// bytes it reads ahead of, so its own byte count is no guide), if the window still holds it.
    func offset(line: Int, column: Int) -> Int64? {
        guard line >= 1 else { return nil }
        let floor = segmentStart >= bufferOffset ? Int(segmentStart - bufferOffset) : 0
        // Back from the next byte to hand on (on line servedLines + 1) to the start of `line`.
        var crossings = servedLines + 1 - line
        guard crossings >= 0 else { return nil }
        var k = lo
        while true {
            var q = k - 1
            while q >= floor && buffer[q] != 0x0A { q -= 1 }
            if crossings == 0 {
                if q < floor && floor == 0 && segmentStart < bufferOffset { return nil }   // the line began before the window
                k = q + 1
                break
            }
            guard q >= floor else { return nil }
            crossings -= 1
            k = q
        }
        // Columns count characters, from 1; the stretch's first line starts with its prefix.
        var characters = column - 1 - (line == 1 ? prefix.count : 0)
        while characters > 0 && k < lo {
            k += 1
            while k < lo && buffer[k] & 0xC0 == 0x80 { k += 1 }
            characters -= 1
        }
        return bufferOffset + Int64(k)
    }

    /// The offset of the next page start tag, in the order libxml2 will see them.
    func nextPageStart() -> Int64? {
        guard pageStartsHead < pageStarts.count else { return nil }
        defer {
            pageStartsHead += 1
            if pageStartsHead == pageStarts.count {
                pageStarts.removeAll(keepingCapacity: true)
                pageStartsHead = 0
            }
        }
        return pageStarts[pageStartsHead]
    }

    /// The next page start libxml2 has not reported yet, without taking it.
    func peekPageStart() -> Int64? {
        pageStartsHead < pageStarts.count ? pageStarts[pageStartsHead] : nil
    }

    /// Whether damage lies ahead in the window (a page cut by it cannot be read whole).
    var damageAhead: Bool { breakAt != nil }

    /// Keeps the page starting at `offset` in the window while it is read (or forgets it).
    func pin(_ offset: Int64?) {
        pinned = offset.flatMap { $0 >= bufferOffset ? Int($0 - bufferOffset) : nil }
    }

    /// Damage the source reported, held back while libxml2 is still reading up to it.
    func takeIssues() -> [InputIssue] {
        guard breakAt == nil, !pendingIssues.isEmpty else { return [] }
        defer { pendingIssues.removeAll() }
        return pendingIssues
    }

    /// Adds a note to the last damage issue (the page it cost).
    func annotateLastIssue(_ note: String) {
        guard !pendingIssues.isEmpty else { return }
        pendingIssues[pendingIssues.count - 1].message += note
    }

    // MARK: libxml2's read callback

    /// Fills `destination` with the next bytes: a count, 0 at the end, -1 after an I/O error.
    func read(into destination: UnsafeMutableRawBufferPointer) -> Int {
        guard let out = destination.baseAddress, destination.count > 0 else { return 0 }
        if prefixAt < prefix.count { return serve(prefix, &prefixAt, out, destination.count) }
        while true {
            let end = frameEnd ?? breakAt ?? hi
            if lo < end {
                let n = min(destination.count, end - lo)
                out.copyMemory(from: buffer + lo, byteCount: n)
                var k = lo
                while let q = find(buffer, lo + n, byte: 0x0A, from: k) {
                    servedLines += 1
                    k = q + 1
                }
                lo += n
                return n
            }
            if frameEnd != nil { return serve(suffix, &suffixAt, out, destination.count) }
            if breakAt != nil {
                guard paddingLeft > 0 else { return 0 }
                let n = min(destination.count, paddingLeft)
                out.initializeMemory(as: UInt8.self, repeating: 0x20, count: n)
                paddingLeft -= n
                return n
            }
            if sourceEnded { return 0 }
            do {
                try fill()
            } catch {
                readError = error
                return -1
            }
        }
    }

    private func serve(_ bytes: [UInt8], _ at: inout Int, _ out: UnsafeMutableRawPointer, _ room: Int) -> Int {
        let n = min(room, bytes.count - at)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { out.copyMemory(from: $0.baseAddress! + at, byteCount: n) }
        at += n
        return n
    }

    /// Reads more of the source into the window, after everything it holds.
    private func fill() throws {
        if Self.capacity - hi < Self.minimumRead {
            var keep = max(0, lo - Self.history)
            if let p = pinned, p < keep {
                if hi - p <= Self.capacity / 2 { keep = p } else { pinned = nil }
            }
            compact(keepingFrom: keep)
        }
        let event = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + hi, count: Self.capacity - hi))
        switch event {
        case .bytes(let n):
            hi += n
            if breakAt == nil { scanForPageStarts() }
        case .damaged(let issue):
            pendingIssues.append(issue)
            if breakAt == nil {
                breakAt = hi
                paddingLeft = Self.paddingBytes
            }
        case .end:
            sourceEnded = true
        }
    }

    /// Moves the bytes from `start` on to the front of the window.
    private func compact(keepingFrom start: Int) {
        guard start > 0 else { return }
        let kept = hi - start
        if kept > 0 { buffer.update(from: buffer + start, count: kept) }
        lo = max(0, lo - start)
        hi = kept
        scanned = max(0, scanned - start)
        if let b = breakAt { breakAt = max(0, b - start) }
        if let f = frameEnd { frameEnd = max(0, f - start) }
        if let p = pinned { pinned = p >= start ? p - start : nil }
        bufferOffset += Int64(start)
    }

    /// Whether a page start tag (`<page>` or `<page ` ...) is at `p` (6 bytes available).
    @inline(__always)
    private func isPageStart(_ p: Int) -> Bool {
        buffer[p] == 0x3C && buffer[p + 1] == 0x70 && buffer[p + 2] == 0x61 && buffer[p + 3] == 0x67 && buffer[p + 4] == 0x65
            && (buffer[p + 5] == 0x3E || buffer[p + 5] == 0x20 || buffer[p + 5] == 0x09 || buffer[p + 5] == 0x0A
                || buffer[p + 5] == 0x0D || buffer[p + 5] == 0x2F)
    }

    /// The first page start tag in [from, end), if any.
    private func findPageStart(from: Int, end: Int) -> Int? {
        var i = from
        while i + 6 <= end {
            guard let hit = memchr(buffer + i, 0x3C, end - 5 - i) else { return nil }
            let p = UnsafeMutableRawPointer(hit).assumingMemoryBound(to: UInt8.self) - buffer
            if isPageStart(p) { return p }
            i = p + 1
        }
        return nil
    }

    /// The end of the first `</page>` in [from, end), if any.
    private func findPageEnd(from: Int, end: Int) -> Int? {
        var i = from
        let tag = Self.pageEnd
        while i + tag.count <= end {
            guard let hit = memchr(buffer + i, 0x3C, end - tag.count + 1 - i) else { return nil }
            let p = UnsafeMutableRawPointer(hit).assumingMemoryBound(to: UInt8.self) - buffer
            if (0..<tag.count).allSatisfy({ buffer[p + $0] == tag[$0] }) { return p + tag.count }
            i = p + 1
        }
        return nil
    }

    /// Records the offsets of page start tags in bytes not looked at yet.
    private func scanForPageStarts() {
        let end = frameEnd ?? breakAt ?? hi
        var i = scanned
        while let p = findPageStart(from: i, end: end) {
            pageStarts.append(bufferOffset + Int64(p))
            i = p + 1
        }
        scanned = max(scanned, end - 5)
    }

    /// Reads more of the source for a search, keeping the window from `keep` on. Returns
    /// false when the window cannot take more.
    private func readMore(keeping keep: Int) throws -> Bool {
        if Self.capacity - hi < Self.minimumRead {
            guard keep > 0 else { return false }
            compact(keepingFrom: keep)
        }
        switch try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + hi, count: Self.capacity - hi)) {
        case .bytes(let n): hi += n
        case .damaged(let issue):
            pendingIssues.append(issue)
            if breakAt == nil { breakAt = hi }
        case .end: sourceEnded = true
        }
        return true
    }

    private func startStretch(at p: Int, frameEnd end: Int?) {
        lo = p
        scanned = p
        frameEnd = end
        segmentStart = bufferOffset + Int64(p)
        resumptions += 1
        prefix = Self.documentStart
        prefixAt = 0
        servedLines = 0
        suffix = end == nil ? [] : Self.documentEnd
        suffixAt = 0
        pinned = nil
        pageStarts.removeAll(keepingCapacity: true)
        pageStartsHead = 0
        scanForPageStarts()
    }

    // MARK: New stretches

    /// Starts a stretch at the first page start at or after `offset`, or after the damage the
    /// reader stopped at when `offset` is nil. Returns false when no page start follows.
    /// Throws the source's I/O errors.
    func startStreaming(after offset: Int64?) throws -> Bool {
        crossedDamage = false
        frameEnd = nil
        var from: Int64
        if let offset {
            from = max(offset, bufferOffset)
        } else if let b = breakAt {
            from = bufferOffset + Int64(b)
            breakAt = nil
            paddingLeft = 0
        } else {
            from = bufferOffset + Int64(lo)
        }
        while true {
            let start = index(of: from)
            let end = breakAt ?? hi
            if let p = findPageStart(from: start, end: end) {
                startStretch(at: p, frameEnd: nil)
                return true
            }
            if let b = breakAt {
                // Nothing before the damage: continue after it (it is already reported).
                from = bufferOffset + Int64(b)
                breakAt = nil
                paddingLeft = 0
                crossedDamage = true
                continue
            }
            if sourceEnded {
                lo = hi
                return false
            }
            // Keep the last bytes (a start tag may straddle the refill) and read on.
            let keep = max(start, end - 5)
            from = bufferOffset + Int64(keep)
            lo = keep
            pinned = nil
            guard try readMore(keeping: keep) else { return false }
        }
    }

    /// Serves the page starting at `offset` alone, as a document of its own.
    func startFramed(at offset: Int64) throws -> Frame {
        guard offset >= bufferOffset, offset + 6 <= bufferOffset + Int64(hi), isPageStart(Int(offset - bufferOffset)) else {
            return .unavailable
        }
        frameEnd = nil
        var searched = offset
        while true {
            let p = Int(offset - bufferOffset)
            let end = breakAt ?? hi
            if let e = findPageEnd(from: index(of: searched), end: end) {
                startStretch(at: p, frameEnd: e)
                return .framed
            }
            if breakAt != nil || sourceEnded { return .incomplete }
            if hi - p > Self.capacity / 2 { return .unavailable }
            searched = bufferOffset + Int64(max(p, end - Self.pageEnd.count + 1))
            guard try readMore(keeping: p) else { return .unavailable }
        }
    }
}
