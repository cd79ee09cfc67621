# Independent numpy replication of examples/relu_teacher.dyn (other random draws):
# teacher f*(x) = (1/k) sum_j relu(w_j.x), w_j ~ N(0, I/d), x ~ N(0, I_d), d=4, k=2, n=200;
# student f = W2 relu(W1 x), W1 ~ alpha N(0,1/d), W2 ~ alpha N(0,1/width), width 16;
# L = (1/2n) sum (f-y)^2; GD lr 0.1 and SGD batch 32 lr 0.1, until t=100 (1000 steps).
import numpy as np, sys
d,k,n,width,lr,T=4,2,200,16,0.1,100.0
grid=np.concatenate([[0],np.geomspace(0.1,100,30)])
def run(seed, alpha, sgd=False, steps=None):
    r=np.random.default_rng(seed)
    W=r.normal(size=(k,d))/np.sqrt(d); X=r.normal(size=(d,n)); y=(np.maximum(W@X,0)).mean(0)
    r2=np.random.default_rng(seed+1000)
    W1=alpha*r2.normal(size=(width,d))/np.sqrt(d); W2=alpha*r2.normal(size=(1,width))/np.sqrt(width)
    r3=np.random.default_rng(seed+2000)
    nsteps=int(round(T/lr)) if steps is None else steps
    def loss(W1,W2): return 0.5*np.mean((W2@np.maximum(W1@X,0)-y)**2)
    rec={}
    gi=0; out=[]
    for s in range(nsteps+1):
        t=s*lr
        while gi<len(grid) and grid[gi]<=t+1e-12:
            # record at the nearest step (grid on steps)
            out.append(loss(W1,W2)); gi+=1
        if s==nsteps: break
        if sgd:
            idx=r3.choice(n,32,replace=False); Xb=X[:,idx]; yb=y[idx]
        else: Xb=X; yb=y
        H=W1@Xb; A=np.maximum(H,0); f=W2@A; R=(f-yb)/Xb.shape[1]
        gW2=R@A.T; gW1=((W2.T@R)*(H>0))@Xb.T
        W1-=lr*gW1; W2-=lr*gW2
    return np.array(out)
def t_below(L,frac):
    i=np.argmax(L<frac*L[0]); return grid[i] if L[i]<frac*L[0] else np.inf
alpha=float(sys.argv[1]) if len(sys.argv)>1 else 1e-2
res=[]
for seed in range(20):
    g=run(seed,alpha); s=run(seed,alpha,sgd=True)
    rd=np.max(np.abs(s[1:]-g[1:])/np.abs(g[1:]))
    res.append((t_below(g,0.95),t_below(g,0.5),g[-1]/g[0],rd, g[np.searchsorted(grid,5.0)]/g[0]))
    print(seed, "t(L<0.95L0)=%.2f t(L<L0/2)=%.2f final/L0=%.2e maxrel(sgd,gd)=%.3f L(5)/L0=%.4f"%res[-1])
a=np.array(res)
print("alpha",alpha,"min/max t95",a[:,0].min(),a[:,0].max(),"t50",a[:,1].min(),a[:,1].max(),
      "final/L0 max",a[:,2].max(),"maxrel max",a[:,3].max(), "L(5)/L0 min/max",a[:,4].min(),a[:,4].max())
