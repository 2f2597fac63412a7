//! TLS vocabulary: versions, cipher suites, grades.
