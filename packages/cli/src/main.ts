process.stdout.write('trailwarden\n');
