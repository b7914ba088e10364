/** The only way domain and services learn the time; the local runtime can move it forward. */
export interface Clock {
  now(): Date;
}
