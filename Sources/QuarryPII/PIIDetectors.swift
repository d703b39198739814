// The built-in detectors, one per entity type (issue 6): what pii_scrub_v1 and the benchmark
// run. A detector for a disabled type is skipped by the scrubber.

public enum PIIDetectors {
    /// Every built-in detector, in a fixed order (the order does not change results: overlaps
    /// are resolved by PIISpanResolver).
    public static func builtin() -> [any PIIDetector] {
        [
            SecretDetector(), URLCredentialsDetector(), EmailDetector(), CreditCardDetector(), IBANDetector(),
            CNResidentIDDetector(), USSSNDetector(), IPAddressDetector(), PhoneDetector(), StreetAddressDetector(),
            PersonDetector(),
        ]
    }
}
