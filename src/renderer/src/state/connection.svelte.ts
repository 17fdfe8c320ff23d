// Whether the browser host is reachable; the shell shows a banner when it is not.
export type ConnectionStatus = 'connecting' | 'open' | 'lost' | 'no-token';

class Connection {
  status = $state<ConnectionStatus>('connecting');
  set(s: ConnectionStatus): void {
    this.status = s;
  }
}

export const connectionState = new Connection();
