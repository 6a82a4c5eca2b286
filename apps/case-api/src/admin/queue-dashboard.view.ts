import { DateTimeProp, StringProp } from '@app/http';

/** The answer to `POST /v1/admin/queue-dashboard/sessions`. */
export class QueueDashboardLoginView {
  @StringProp({
    description: 'open it in a browser within a minute, once: it sets the dashboard session cookie and leads to /admin/queues/',
    example: 'https://api.example.com/admin/queues/login?code=Q2Vhc2UgYW5kIGRlc2lzdA',
  })
  url: string;

  @DateTimeProp({ description: 'when the code in the URL stops working' }) expiresAt: string;
}
