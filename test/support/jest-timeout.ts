// Integration tests wait on real servers; their own deadlines live in the helpers.
jest.setTimeout(120_000);
