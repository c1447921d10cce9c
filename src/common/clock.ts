import { Injectable } from '@nestjs/common';

/** The one source of "now", replaceable in tests. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
