import { isServerPath } from './web-application';

describe('which paths are the server’s and which the web application’s', () => {
  it.each(['/api', '/api/', '/api/v1/cases', '/API/v1/track/1', '/api/docs', '/api/v2/x'])(
    '%s is answered by the server',
    (path) => {
      expect(isServerPath(path)).toBe(true);
    },
  );

  it.each(['/health/live', '/health/ready', '/metrics'])('%s is answered by the server', (path) => {
    expect(isServerPath(path)).toBe(true);
  });

  it.each(['/', '/cases', '/track/412345678903', '/apiary', '/metrics-page', '/healthy'])(
    '%s is a page',
    (path) => {
      expect(isServerPath(path)).toBe(false);
    },
  );
});
