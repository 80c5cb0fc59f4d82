// Integration tests talk to real servers: give each test room (a worker bundles workflows first).
jest.setTimeout(120000);
