// TEMP(helper 8): replaced once the schema has the fields.
export default function Page() {
  return null;
}
