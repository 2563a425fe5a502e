export async function main(a: string[]): Promise<void> { console.log("hi", a.length); }
