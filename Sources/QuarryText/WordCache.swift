// Words of recently tokenized documents, per thread. A filter stack runs several filters that
// each need the words of the same document (FineWeb's preset: Gopher repetition, Gopher quality,
// FineWeb quality); a pipeline hands a batch to one stage after another on the same worker
// thread, so each thread remembers the words of the last documents it tokenized and the next
// stage gets them without tokenizing again. Entries are keyed by the text's XXH3-64, its
// length and the language; a hit returns exactly what tokenizing would (the tokenizers are
// deterministic), and the memory is bounded (oldest entries go first).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Per-thread memory of recent documents' words.
public enum WordCache {
    /// At most this many documents are remembered per thread.
    static let maxEntries = 1024
    /// At most this many words (16 bytes each) are remembered per thread.
    static let maxWords = 4 << 20

    /// The words of `text` (valid UTF-8) in `language` by `WordTokenizers.forLanguage`, from
    /// this thread's cache when the same text was tokenized recently.
    public static func words(of text: UnsafeBufferPointer<UInt8>, language: String) -> [Range<Int>] {
        let key = StableHash.xxh3_64(text, seed: 0x5157_4F52_4453)
        let cache = Store.current
        if let words = cache.lookup(key: key, bytes: text.count, language: language) { return words }
        var words: [Range<Int>] = []
        words.reserveCapacity(text.count / 5)
        WordTokenizers.forLanguage(language).appendWords(of: text, to: &words)
        cache.insert(key: key, bytes: text.count, language: language, words: words)
        return words
    }

    final class Store {
        struct Entry {
            var key: UInt64
            var bytes: Int
            var language: String
            var words: [Range<Int>]
        }

        /// Oldest first.
        var entries: [Entry] = []
        var words = 0

        func lookup(key: UInt64, bytes: Int, language: String) -> [Range<Int>]? {
            for entry in entries.reversed() where entry.key == key && entry.bytes == bytes && entry.language == language {
                return entry.words
            }
            return nil
        }

        func insert(key: UInt64, bytes: Int, language: String, words list: [Range<Int>]) {
            guard list.count <= WordCache.maxWords else { return }
            entries.append(Entry(key: key, bytes: bytes, language: language, words: list))
            words += list.count
            var drop = 0
            while entries.count - drop > WordCache.maxEntries || words > WordCache.maxWords {
                words -= entries[drop].words.count
                drop += 1
            }
            if drop > 0 { entries.removeFirst(drop) }
        }

        /// This thread's store, created on first use and freed with the thread.
        static var current: Store {
            if let raw = pthread_getspecific(threadKey) {
                return Unmanaged<Store>.fromOpaque(raw).takeUnretainedValue()
            }
            let store = Store()
            pthread_setspecific(threadKey, Unmanaged.passRetained(store).toOpaque())
            return store
        }

        static let threadKey: pthread_key_t = {
            var key = pthread_key_t()
            pthread_key_create(&key) { raw in
                guard let raw = raw as UnsafeMutableRawPointer? else { return }
                Unmanaged<Store>.fromOpaque(raw).release()
            }
            return key
        }()
    }
}
